using System.Diagnostics;
using Luarm.Engine.Evaluation;

namespace Luarm.Benchmarks.EngineBench;

/// <summary>Runs an evaluation cycle until it has caught up with the store, as the scheduled job does.</summary>
public static class EngineCatchUp
{
    public static async Task<CatchUp> RunAsync(EvaluationCycle cycle)
    {
        var clock = Stopwatch.StartNew();
        long rows = 0;
        var alerts = 0;
        var runs = 0;
        EvaluationResult result;
        do
        {
            result = await cycle.RunOnceAsync();
            rows += result.RowsRead;
            alerts += result.NewAlerts;
            runs++;
        }
        while (result.More);
        return new CatchUp(rows, alerts, runs, clock.Elapsed.TotalSeconds, result.FactsInSessions);
    }
}

/// <summary>One catch-up: rows read, alerts stored new, cycles run, seconds, facts left in the sessions.</summary>
public sealed record CatchUp(long Rows, int Alerts, int Runs, double Seconds, int FactsInSessions)
{
    public double RowsPerSecond => Rows / Seconds;
}
