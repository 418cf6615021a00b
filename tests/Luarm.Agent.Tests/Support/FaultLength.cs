namespace Luarm.Agent.Tests.Support;

/// <summary>
/// How long the fault tests hold a fault. By default a shorter form of the same
/// fault, so the suite stays quick; LUARM_FAULT_FULL=1 runs the full
/// lengths (a 100 s global read lock against the default 30 s command timeout,
/// a 60 s server stop).
/// </summary>
public static class FaultLength
{
    public static bool Full => Environment.GetEnvironmentVariable("LUARM_FAULT_FULL") == "1";

    public static TimeSpan GlobalReadLock => TimeSpan.FromSeconds(Full ? 100 : 25);

    /// <summary>The command timeout the agent runs with while the lock is held (30 s is the connector's default).</summary>
    public static int CommandTimeoutSeconds => Full ? 30 : 3;

    public static TimeSpan ServerStop => TimeSpan.FromSeconds(Full ? 60 : 15);
}
