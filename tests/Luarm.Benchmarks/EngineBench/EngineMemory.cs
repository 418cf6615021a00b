namespace Luarm.Benchmarks.EngineBench;

/// <summary>The process's memory after a full garbage collection: the managed heap and the working set, in MiB.</summary>
public sealed record EngineMemory(double ManagedMiB, double WorkingSetMiB)
{
    public static EngineMemory Now()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return new EngineMemory(GC.GetTotalMemory(forceFullCollection: true) / 1048576.0, Environment.WorkingSet / 1048576.0);
    }
}
