using System.Diagnostics;
using Dapper;
using Luarm.Benchmarks.Activity;
using Luarm.Engine.Evaluation;
using Luarm.Rules.Model;
using Luarm.Store.Access;

namespace Luarm.Benchmarks.EngineBench;

/// <summary>
/// The cost of new facts as history piles up: the store is filled with one
/// continuous stream to each history size; there an engine that has evaluated
/// everything so far (its watermarks set at the end of the tables) starts,
/// rebuilds its sessions from the store, and then catches up on the next batch
/// of new facts; several such engines in turn (trials), the median reported, as
/// one catch-up of a second is at the mercy of a shared machine. Memory is taken
/// after the last catch-up.
/// </summary>
public sealed class HistoryBenchmark(BenchStore bench, ActiveRuleSet rules, EngineBenchOptions options)
{
    private const int FillChunk = 50_000;

    public async Task<IReadOnlyList<HistoryStep>> RunAsync()
    {
        var store = bench.Store;
        var total = options.History.Max() + (options.History.Count * options.NewFacts);
        var start = DateTime.UtcNow - TimeSpan.FromSeconds(total / options.Rate) - TimeSpan.FromMinutes(30);
        var activity = new FleetActivity(options.Hosts, start, options.Rate);
        var lastIds = new Dictionary<string, long>();
        long appended = 0;
        var steps = new List<HistoryStep>();
        foreach (var history in options.History)
        {
            while (appended < history)
            {
                appended += await AppendAsync(store, activity.Next((int)Math.Min(FillChunk, history - appended)), lastIds);
                Progress.Say($"{store.Dialect}: history {appended:N0} rows of {history:N0}");
            }
            var historyEnd = new Dictionary<string, long>(lastIds);
            appended += await AppendAsync(store, activity.Next(options.NewFacts), lastIds);
            var alertsBefore = await MaxAlertIdAsync(store);
            var trials = new List<(double Rebuild, CatchUp CatchUp)>();
            EvaluationCycle? cycle = null;
            // Trial 0 warms up (JIT, page caches) and is not counted.
            for (var trial = 0; trial <= options.HistoryTrials; trial++)
            {
                // Each trial is a fresh engine that has evaluated the history, over the same new facts and the same alerts table.
                await ForgetAlertsAfterAsync(store, alertsBefore);
                var consumer = $"history-{history}-{trial}";
                foreach (var (table, lastId) in historyEnd)
                {
                    await new Watermarks(store).SetAsync(consumer, table, lastId);
                }
                cycle = new EvaluationCycle(store, rules, new EngineOptions { Consumer = consumer });
                GC.Collect();
                var clock = Stopwatch.StartNew();
                await cycle.PrepareAsync();
                var rebuildSeconds = clock.Elapsed.TotalSeconds;
                var catchUp = await EngineCatchUp.RunAsync(cycle);
                if (trial > 0)
                {
                    trials.Add((rebuildSeconds, catchUp));
                }
            }
            var memory = EngineMemory.Now();
            var median = trials.OrderBy(t => t.CatchUp.Seconds).ElementAt(trials.Count / 2);
            steps.Add(new HistoryStep(history, trials.Select(t => t.Rebuild).ToArray(), trials.Select(t => t.CatchUp).ToArray(), memory, cycle!.HostsInMemory));
            Progress.Say($"{store.Dialect}: at {history:N0} rows of history, {median.CatchUp.Rows:N0} new facts in {median.CatchUp.Seconds:0.00} s (median of {trials.Count}); managed heap {memory.ManagedMiB:0} MiB");
            GC.KeepAlive(cycle);
        }
        return steps;
    }

    private static Task<long> MaxAlertIdAsync(FactStore store) =>
        store.RunAsync(async connection => await connection.ExecuteScalarAsync<long?>("SELECT MAX(alertid) FROM alerts") ?? 0);

    private static Task ForgetAlertsAfterAsync(FactStore store, long alertId) =>
        store.RunAsync(async connection =>
        {
            foreach (var table in new[] { "alertevidence", "alertwindows", "alerts" })
            {
                await connection.ExecuteAsync($"DELETE FROM {table} WHERE alertid > @alertId", new { alertId });
            }
            return 0;
        });

    private static async Task<int> AppendAsync(FactStore store, List<object> facts, Dictionary<string, long> lastIds)
    {
        await StoreFill.AppendAsync(store, facts);
        foreach (var fact in facts)
        {
            var kind = FactKind.Of(fact.GetType());
            lastIds[kind.Table.Name] = Math.Max(lastIds.GetValueOrDefault(kind.Table.Name), kind.IdOf(fact));
        }
        return facts.Count;
    }
}

/// <summary>One history size: per trial, the engine's start (rebuild) and its catch-up on the new facts; memory after the last.</summary>
public sealed record HistoryStep(long HistoryRows, IReadOnlyList<double> RebuildSeconds, IReadOnlyList<CatchUp> CatchUps, EngineMemory Memory, int Hosts)
{
    public CatchUp Median => CatchUps.OrderBy(c => c.Seconds).ElementAt(CatchUps.Count / 2);

    public double MedianRebuild => RebuildSeconds.Order().ElementAt(RebuildSeconds.Count / 2);
}
