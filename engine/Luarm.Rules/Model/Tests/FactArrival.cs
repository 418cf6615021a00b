namespace Luarm.Rules.Model.Tests;

/// <summary>How a test's facts reach the rule: <c>arrival:</c> on a test.</summary>
public enum FactArrival
{
    /// <summary><c>by-time</c> (the default): sorted by <c>created</c>, inserted together, fired once.</summary>
    ByTime,

    /// <summary>
    /// <c>as-listed</c>: one at a time in the order written (inline rows, then each fixture's
    /// rows in file order), the rule fired after each, as the engine evaluates facts that
    /// arrive in separate batches: a connection stored before its process, a late spool.
    /// </summary>
    AsListed,
}
