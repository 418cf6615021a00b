namespace Luarm.Engine.Evaluation;

/// <summary>
/// One slice of the fleet: the hosts with <c>hostid % Count == Index</c>. Each
/// shard is evaluated on its own, under its own watermarks, so shards move
/// forward independently and can run on different engine nodes.
/// </summary>
public readonly record struct HostShard
{
    public HostShard(int index, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
        Index = index;
        Count = count;
    }

    /// <summary>Every host: what an unsharded engine evaluates.</summary>
    public static HostShard All { get; } = new(0, 1);

    public int Index { get; }

    public int Count { get; }

    /// <summary>
    /// The consumer the shard's watermarks are kept under. The shard count is part
    /// of it: with another count a shard holds other hosts, and its old
    /// watermarks would skip their rows.
    /// </summary>
    public string ConsumerOf(string consumer) => Count == 1 ? consumer : $"{consumer}/shard-{Index}-of-{Count}";

    /// <summary>An SQL condition (to AND into a WHERE) that keeps this shard's rows; plain integers, nothing to bind.</summary>
    public string SqlCondition => Count == 1 ? "1 = 1" : $"hostid % {Count} = {Index}";

    public override string ToString() => Count == 1 ? "all hosts" : $"shard {Index} of {Count}";
}
