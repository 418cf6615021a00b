using Luarm.Store.Facts;

namespace Luarm.Agent.Processes;

/// <summary>
/// Forks held back for <see cref="Grace"/>: most forks exec at once (a shell
/// running a command), and the exec's row then describes the child, so a fork
/// row would only repeat the parent's image under the child's pid. A fork still
/// without an exec after the grace, or that renames itself or exits first, is a
/// process of its own and gets its row.
/// </summary>
internal sealed class PendingForks
{
    public static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(100);
    private readonly Dictionary<int, (Fork Fork, long Due)> _pending = [];

    public int Count => _pending.Count;

    public void Add(int child, Fork fork) =>
        _pending[child] = (fork, Environment.TickCount64 + (long)Grace.TotalMilliseconds);

    public Fork? Peek(int child) => _pending.TryGetValue(child, out var pending) ? pending.Fork : null;

    /// <summary>Holds the pid's fork for another grace, with <paramref name="fork"/> as it is now.</summary>
    public void Postpone(int child, Fork fork) => Add(child, fork);

    /// <summary>Takes the pid's pending fork, if any.</summary>
    public Fork? Take(int child) => _pending.Remove(child, out var pending) ? pending.Fork : null;

    /// <summary>The children whose grace is over.</summary>
    public List<int> Due()
    {
        var now = Environment.TickCount64;
        return [.. _pending.Where(fork => fork.Value.Due <= now).Select(fork => fork.Key)];
    }
}

/// <param name="Inherited">The parent's row when the fork happened (the parent may exit before the child's row is written).</param>
internal sealed record Fork(int Parent, DateTime At, ProcessFact? Inherited)
{
    /// <summary>The name the child took while its row waited (the latest, when several), recorded after that row.</summary>
    public (string Name, DateTime At)? Renamed { get; init; }
}
