using System.Globalization;
using Luarm.Engine.Evaluation;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Luarm.Engine.Hosting;

/// <summary>
/// The scheduled evaluation of one shard (its number in the job data): catch up
/// on new rows, one cycle after another while rows remain. Never runs twice at
/// once for a shard, cluster-wide; recovered by another node when this one dies.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class EvaluationJob(ShardCycles cycles, StoreOutage outage, ILogger<EvaluationJob> logger) : IJob
{
    public const string ShardKey = "shard";
    public const string ShardsKey = "shards";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancel)
    {
        var data = context.MergedJobDataMap;
        var shards = int.Parse(data.GetString(ShardsKey)!, CultureInfo.InvariantCulture);
        if (shards != cycles.Count)
        {
            // Left in the cluster's store by nodes that ran with another engine.shards.
            logger.LogWarning("removing {Job}, a shard of an earlier layout ({Shards} shards, now {Count})", context.JobDetail.Key, shards, cycles.Count);
            await context.Scheduler.DeleteJob(context.JobDetail.Key, cancel);
            return;
        }
        var cycle = cycles[int.Parse(data.GetString(ShardKey)!, CultureInfo.InvariantCulture)];
        try
        {
            EvaluationResult result;
            do
            {
                result = await cycle.RunOnceAsync(cancel);
                outage.Answered();
                if (result.NewAlerts > 0 || result.SkippedRows > 0)
                {
                    logger.LogInformation("{Shard}: evaluated {Rows} row(s): {Alerts} new alert(s), {Skipped} skipped, {Facts} fact(s) in sessions",
                        cycle.Shard, result.RowsRead, result.NewAlerts, result.SkippedRows, result.FactsInSessions);
                }
            }
            while (result.More && !cancel.IsCancellationRequested);
        }
        catch (Exception error) when (error is not OperationCanceledException && StoreOutage.IsStoreFault(error))
        {
            // The next run starts over from the watermarks; the outage is logged once, not per shard and run.
            outage.Failed(error);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // A row is unreadable or a rule failed: the next run starts over from the watermarks.
            logger.LogError("{Shard}: evaluation failed, retrying at the next run: {Error}", cycle.Shard, error.Message);
        }
    }
}
