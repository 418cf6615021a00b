using Luarm.Engine.Evaluation;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Luarm.Engine.Hosting;

/// <summary>The scheduled evaluation: catch up on new rows, one cycle after another while rows remain.</summary>
[DisallowConcurrentExecution]
internal sealed class EvaluationJob(EvaluationCycle cycle, ILogger<EvaluationJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancel)
    {
        try
        {
            EvaluationResult result;
            do
            {
                result = await cycle.RunOnceAsync(cancel);
                if (result.NewAlerts > 0 || result.SkippedRows > 0)
                {
                    logger.LogInformation("evaluated {Rows} row(s): {Alerts} new alert(s), {Skipped} skipped, {Facts} fact(s) in sessions",
                        result.RowsRead, result.NewAlerts, result.SkippedRows, result.FactsInSessions);
                }
            }
            while (result.More && !cancel.IsCancellationRequested);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The store is down or a row is unreadable: the next run starts over from the watermarks.
            logger.LogError("evaluation failed, retrying at the next run: {Error}", error.Message);
        }
    }
}
