namespace Luarm.Benchmarks.Sessions;

/// <summary>A way to evaluate rules: makes one Rete session per host and counts the matches of all of them.</summary>
public interface IRuleSessions
{
    IRuleSession Create();

    /// <summary>Rule matches so far, over every session made (suppressed hits included).</summary>
    long Matches { get; }
}

/// <summary>One host's Rete session, as <see cref="SessionFeed"/> drives it.</summary>
public interface IRuleSession
{
    void Insert(IReadOnlyList<object> facts);

    void Fire();

    void Retract(IReadOnlyList<object> facts);
}
