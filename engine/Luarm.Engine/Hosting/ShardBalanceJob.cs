using Dapper;
using Luarm.Engine.Evaluation;
using Luarm.Store.Access;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Luarm.Engine.Hosting;

/// <summary>
/// Keeps a cluster's shards spread over its live nodes (<see cref="ShardRebalance"/>).
/// Quartz pins each shard to the node that fires it first, which alone would
/// leave every shard on whichever node started first.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class ShardBalanceJob(FactStore store, EngineOptions engine, StoreOutage outage, ILogger<ShardBalanceJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancel)
    {
        try
        {
            var scheduler = context.Scheduler;
            var holders = new Dictionary<string, string?>();
            foreach (var shard in Enumerable.Range(0, engine.Shards))
            {
                var key = new TriggerKey(EngineSchedule.ShardTriggerPrefix + shard, EngineSchedule.Group);
                holders[key.Name] = (await scheduler.GetTrigger(key, cancel))?.PreferredNode.Node;
            }
            var live = await LiveNodesAsync(scheduler.SchedulerName, cancel);
            foreach (var (trigger, node) in ShardRebalance.Plan(holders, live))
            {
                logger.LogInformation("moving {Trigger} from {From} to {To}", trigger, holders[trigger], node ?? "the next node that fires it");
                await scheduler.UpdateTriggerDetails(new TriggerKey(trigger, EngineSchedule.Group),
                    new TriggerDetailsUpdate().WithPreferredNode(node is null ? PreferredNode.Auto : PreferredNode.For(node)), cancel);
            }
        }
        catch (Exception error) when (error is not OperationCanceledException && StoreOutage.IsStoreFault(error))
        {
            outage.Failed(error);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogWarning("shard balancing skipped this round: {Error}", error.Message);
        }
    }

    /// <summary>The nodes whose last check-in is at most two of their intervals old (Quartz stores ticks and milliseconds).</summary>
    private Task<IReadOnlyCollection<string>> LiveNodesAsync(string cluster, CancellationToken cancel) =>
        store.RunAsync<IReadOnlyCollection<string>>(async connection => (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT INSTANCE_NAME FROM QRTZ_SCHEDULER_STATE WHERE SCHED_NAME = @cluster AND LAST_CHECKIN_TIME + 2 * CHECKIN_INTERVAL * 10000 >= @now",
            new { cluster, now = DateTime.UtcNow.Ticks }, cancellationToken: cancel))).ToHashSet(), cancel);
}
