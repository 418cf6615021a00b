using Luarm.Engine.Delivery;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Luarm.Engine.Hosting;

/// <summary>The scheduled delivery: one pass over every channel's due outbox rows.</summary>
[DisallowConcurrentExecution]
internal sealed class DeliveryJob(OutboxDispatcher dispatcher, StoreOutage outage, ILogger<DeliveryJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancel)
    {
        try
        {
            await dispatcher.RunOnceAsync(cancel);
        }
        catch (Exception error) when (error is not OperationCanceledException && StoreOutage.IsStoreFault(error))
        {
            outage.Failed(error);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogError("alert delivery failed, retrying at the next run: {Error}", error.Message);
        }
    }
}
