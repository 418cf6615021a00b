namespace Luarm.Engine.Hosting;

/// <summary>
/// Decides how shards move between live engine nodes: a shard pinned to a node
/// that stopped checking in is released, and one shard moves from the busiest
/// node to the idlest whenever they differ by two or more. One move per pass,
/// so a cluster settles over a few check-ins without shards flapping.
/// </summary>
internal static class ShardRebalance
{
    /// <summary>
    /// The pins to change, as (shard trigger, new node); a null node releases the
    /// shard to whichever node fires it next.
    /// </summary>
    public static IReadOnlyList<(string Trigger, string? Node)> Plan(IReadOnlyDictionary<string, string?> holders, IReadOnlyCollection<string> liveNodes)
    {
        var moves = holders
            .Where(shard => shard.Value is not null && !liveNodes.Contains(shard.Value))
            .Select(shard => (shard.Key, (string?)null))
            .ToList();
        if (liveNodes.Count < 2)
        {
            return moves;
        }
        var load = liveNodes.ToDictionary(node => node, node => holders.Values.Count(holder => holder == node));
        var busiest = load.OrderByDescending(node => node.Value).ThenBy(node => node.Key, StringComparer.Ordinal).First();
        var idlest = load.OrderBy(node => node.Value).ThenBy(node => node.Key, StringComparer.Ordinal).First();
        if (busiest.Value - idlest.Value >= 2)
        {
            var moved = holders.Where(shard => shard.Value == busiest.Key).Select(shard => shard.Key).Order(StringComparer.Ordinal).Last();
            moves.Add((moved, idlest.Key));
        }
        return moves;
    }
}
