using Quartz.Extensibility;

namespace Luarm.Engine.Hosting;

/// <summary>
/// Names a clustered engine node <c>machine-pid-ticks</c>: unique across
/// restarts, and an operator reading QRTZ_SCHEDULER_STATE or QRTZ_TRIGGERS
/// (which node holds which shard) can tell the process.
/// </summary>
internal sealed class ClusterNodeId : IInstanceIdGenerator
{
    public ValueTask<string> GenerateInstanceId(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult($"{Environment.MachineName}-{Environment.ProcessId}-{DateTime.UtcNow.Ticks}");
}
