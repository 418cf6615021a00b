using Microsoft.Extensions.Logging;
using Quartz;

namespace Luarm.Engine.Hosting;

/// <summary>
/// Quartz's own job store loops (acquiring triggers, checking in to the cluster)
/// notice an outage too, between job runs: they report it here, as one outage.
/// Quartz's own log is kept to critical messages (<see cref="EngineServices"/>), so
/// its other errors are told here, on one line each.
/// </summary>
internal sealed class StoreOutageListener(StoreOutage outage, ILogger<StoreOutageListener> logger) : ISchedulerListener
{
    public ValueTask SchedulerError(IScheduler scheduler, SchedulerErrorContext context, CancellationToken cancel = default)
    {
        if (context.Exception is { } error && StoreOutage.IsStoreFault(error))
        {
            outage.Failed(error);
        }
        else
        {
            logger.LogError("scheduler: {Message}{Error}", context.Message, context.Exception is { } cause ? ": " + cause.GetBaseException().Message : "");
        }
        return ValueTask.CompletedTask;
    }
}
