using System.Diagnostics;
using Luarm.Benchmarks.Activity;
using Luarm.Benchmarks.Sessions;
using Luarm.Engine.Evaluation;
using Luarm.Store.Access;
using Luarm.Store.Facts;
using Luarm.Store.Vocabulary;

namespace Luarm.Benchmarks.EngineBench;

/// <summary>
/// End to end against the Rete core: the fleet's facts are appended to the store
/// in ticks of the engine's batch size, in event-time order, and after each tick
/// the SQL detections run over the whole tables (the by-hand baseline). Then, in
/// rounds and in rotating order: the engine catches up from the store to
/// committed alerts (a fresh consumer, alerts emptied first), with its default
/// options and again without the settle pause before each read; and the same
/// compiled rules take the same facts from memory in the same ticks. Last, the
/// rows are read back alone, to separate reading from evaluating.
/// </summary>
public sealed class ThroughputBenchmark(BenchStore bench, ActiveRuleSet rules, EngineBenchOptions options)
{
    public async Task<ThroughputResult> RunAsync()
    {
        var store = bench.Store;
        var engine = new EngineOptions();
        var start = DateTime.UtcNow - TimeSpan.FromSeconds(options.Facts / options.Rate) - TimeSpan.FromMinutes(30);
        var activity = new FleetActivity(options.Hosts, start, options.Rate);
        var stream = activity.Next(options.Facts);
        IReadOnlyList<object[]> ticks = [.. stream.Chunk(engine.BatchSize)];
        var fillSeconds = 0.0;
        var sqlTicks = new List<IReadOnlyList<(string Rule, long Matches, double Ms)>>();
        foreach (var tick in ticks)
        {
            var clock = Stopwatch.StartNew();
            await StoreFill.AppendAsync(store, tick);
            fillSeconds += clock.Elapsed.TotalSeconds;
            sqlTicks.Add(await SqlDetections.RunAsync(store));
        }
        Progress.Say($"{store.Dialect}: {stream.Count:N0} facts appended in {ticks.Count} ticks, SQL detections run at each");
        var settled = new List<CatchUp>();
        var unsettled = new List<CatchUp>();
        var memoryRates = new List<double>();
        YamlRuleSessions? memory = null;
        Dictionary<string, (long Alerts, long Hits)>? stored = null;
        async Task EngineAsync(string consumer, double settleSeconds, List<CatchUp> runs)
        {
            await StoreAlerts.ClearAsync(store);
            var cycle = new EvaluationCycle(store, rules, new EngineOptions { Consumer = consumer, SettleSeconds = settleSeconds });
            runs.Add(await EngineCatchUp.RunAsync(cycle));
            stored = await StoreAlerts.ByRuleAsync(store);
        }
        Task MemoryAsync()
        {
            memory = new YamlRuleSessions(rules.Current);
            var feed = new SessionFeed(memory, EngineRetention.Of(rules.Current, engine));
            var clock = Stopwatch.StartNew();
            foreach (var tick in ticks)
            {
                feed.Feed(tick);
            }
            memoryRates.Add(stream.Count / clock.Elapsed.TotalSeconds);
            return Task.CompletedTask;
        }
        for (var round = 0; round < options.Rounds; round++)
        {
            var consumer = $"throughput-{round}";
            Func<Task>[] paths =
            [
                () => EngineAsync(consumer, engine.SettleSeconds, settled),
                () => EngineAsync(consumer + "-unsettled", 0, unsettled),
                MemoryAsync,
            ];
            for (var k = 0; k < paths.Length; k++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                await paths[(round + k) % paths.Length]();
            }
            Progress.Say($"{store.Dialect}: round {round + 1}: engine {settled[^1].RowsPerSecond:N0} facts/s ({settled[^1].Runs} cycles), " +
                $"without settling {unsettled[^1].RowsPerSecond:N0} facts/s, {unsettled[^1].Alerts:N0} alerts; memory {memoryRates[^1]:N0} facts/s");
        }
        var memoryAfter = EngineMemory.Now();
        var readBack = await ReadBackAsync(store, engine.BatchSize);
        return new ThroughputResult(
            stream, activity, ticks.Count, fillSeconds, engine.SettleSeconds, settled, unsettled, memoryRates, readBack, sqlTicks,
            memory!.Alerts.GroupBy(a => a.RuleId).ToDictionary(g => g.Key, g => ((long)g.Count(), g.Sum(a => (long)a.HitCount))),
            stored!, memoryAfter);
    }

    /// <summary>Seconds to read every fact row back in the cursor's batches (id order, up to a batch per call), and nothing else.</summary>
    private static async Task<double> ReadBackAsync(FactStore store, int batchSize)
    {
        var reader = new FactReader(store);
        var clock = Stopwatch.StartNew();
        await ReadAll<ProcessFact>();
        await ReadAll<EndpointFact>();
        await ReadAll<FileFact>();
        await ReadAll<DeviceFact>();
        return clock.Elapsed.TotalSeconds;

        async Task ReadAll<T>()
            where T : class
        {
            var after = 0L;
            IReadOnlyList<T> rows;
            do
            {
                rows = await reader.ReadAfterAsync<T>(after, batchSize);
                after = rows.Count > 0 ? FactTable.Of<T>().ReadId(rows[^1]) : after;
            }
            while (rows.Count == batchSize);
        }
    }
}

/// <summary>What the throughput run measured.</summary>
public sealed record ThroughputResult(
    IReadOnlyList<object> Stream, FleetActivity Activity, int Ticks, double FillSeconds, double SettleSeconds,
    IReadOnlyList<CatchUp> Engine, IReadOnlyList<CatchUp> EngineUnsettled, IReadOnlyList<double> MemoryRates, double ReadBackSeconds,
    IReadOnlyList<IReadOnlyList<(string Rule, long Matches, double Ms)>> SqlTicks,
    Dictionary<string, (long Alerts, long Hits)> MemoryAlerts, Dictionary<string, (long Alerts, long Hits)> StoredAlerts,
    EngineMemory MemoryAfter);
