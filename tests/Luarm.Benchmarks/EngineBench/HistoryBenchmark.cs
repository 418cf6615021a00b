using System.Diagnostics;
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
/// of new facts. Its memory is taken after the catch-up.
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
            var consumer = $"history-{history}";
            foreach (var (table, lastId) in lastIds)
            {
                await new Watermarks(store).SetAsync(consumer, table, lastId);
            }
            var cycle = new EvaluationCycle(store, rules, new EngineOptions { Consumer = consumer });
            var clock = Stopwatch.StartNew();
            var rebuild = await EngineCatchUp.RunAsync(cycle);
            var rebuildSeconds = clock.Elapsed.TotalSeconds;
            appended += await AppendAsync(store, activity.Next(options.NewFacts), lastIds);
            GC.Collect();
            var catchUp = await EngineCatchUp.RunAsync(cycle);
            var memory = EngineMemory.Now();
            steps.Add(new HistoryStep(history, rebuildSeconds, rebuild.FactsInSessions, catchUp, memory, cycle.HostsInMemory));
            Progress.Say($"{store.Dialect}: at {history:N0} rows of history, {catchUp.Rows:N0} new facts in {catchUp.Seconds:0.00} s; managed heap {memory.ManagedMiB:0} MiB");
            GC.KeepAlive(cycle);
        }
        return steps;
    }

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

/// <summary>One history size: the engine's start (rebuild) and its catch-up on the new facts, and its memory after.</summary>
public sealed record HistoryStep(long HistoryRows, double RebuildSeconds, int FactsAfterRebuild, CatchUp CatchUp, EngineMemory Memory, int Hosts);
