using System.Globalization;
using Luarm.Rules.Compilation;
using Luarm.Store.Access;
using static Luarm.Benchmarks.Markdown;

namespace Luarm.Benchmarks.EngineBench;

/// <summary>The <c>engine</c> run's results as Markdown for docs/benchmarks.md.</summary>
public static class EngineBenchReport
{
    public static void RuleSet(CompiledRuleSet rules, int shipped)
    {
        var joins = rules.Rules.Count(r => r.Definition.Aliases.Count(a => !a.Absent) > 1);
        var counts = rules.Rules.Count(r => r.Definition.Aliases.Any(a => a.Count is not null));
        var absences = rules.Rules.Count(r => r.Definition.Aliases.Any(a => a.Absent));
        Line();
        Line($"Rule set: {rules.Rules.Count} rules, the {shipped} enabled rules of the shipped pack and {rules.Rules.Count - shipped} generated ones; " +
            $"{joins} join two or more facts, {counts} count, {absences} wait for an absence; longest window {rules.LongestWindow.TotalMinutes:0} min.");
    }

    public static void Throughput(StoreDialect dialect, ThroughputResult result, EngineBenchOptions options)
    {
        var kinds = result.Stream.GroupBy(f => f.GetType().Name).Select(g => $"{Count(g.Count())} {g.Key}");
        var facts = result.Stream.Count;
        var settle = result.SettleSeconds.ToString(CultureInfo.InvariantCulture);
        Line($"{Count(facts)} facts of {result.Activity.Hosts} hosts ({string.Join(", ", kinds)}), {options.Rate.ToString(CultureInfo.InvariantCulture)} facts/s of event time " +
            $"({facts / options.Rate / 3600:0.0} h), {result.Activity.BotsPlanted} IRC bots and {result.Activity.NearMissesPlanted} near misses planted, " +
            $"appended in {result.Ticks} ticks of 20,000 facts in event-time order: {Rate(facts / result.FillSeconds)} facts/s appended. " +
            "*Engine*: `EvaluationCycle.RunOnceAsync` until caught up, a fresh consumer and an empty alerts table each time: read, insert into per-host sessions, fire, commit alerts and watermarks; " +
            $"with the default options (`SettleSeconds` {settle}: each read waits that long after taking the newest ids; {(dialect == StoreDialect.MySql ? "used on MariaDB" : "not used on SQLite")}), and again with `SettleSeconds` 0. " +
            "*Memory*: the same compiled rules fed the same facts from memory in the same ticks (per-host `DetectionSession`s, fire, retract past the retention): the Rete core's own rate. " +
            "*SQL*: the hand-written detections of LUARM-IRC-001 and LUARM-IRC-002 re-run over the whole tables after each tick; its rate is all facts over the time of all those queries. " +
            $"{options.Rounds} rounds, the three in rotating order.");
        Line();
        var engine = Summary.Of(result.Engine.Select(r => r.RowsPerSecond));
        var unsettled = Summary.Of(result.EngineUnsettled.Select(r => r.RowsPerSecond));
        var memory = Summary.Of(result.MemoryRates);
        var sqlSeconds = result.SqlTicks.Sum(t => t.Sum(q => q.Ms)) / 1000;
        var lastTick = result.SqlTicks[^1];
        var engineSeconds = Summary.Of(result.Engine.Select(r => r.Seconds)).Median;
        var unsettledSeconds = Summary.Of(result.EngineUnsettled.Select(r => r.Seconds)).Median;
        Table(["path", "facts/s median", "min", "max", "seconds (median)", "cycles", "alerts stored"],
        [
            ["engine, default options: store → committed alerts", Rate(engine.Median), Rate(engine.Min), Rate(engine.Max), S(engineSeconds), Count(result.Engine[^1].Runs), Count(result.Engine[^1].Alerts)],
            ["engine, `SettleSeconds` 0", Rate(unsettled.Median), Rate(unsettled.Min), Rate(unsettled.Max), S(unsettledSeconds), Count(result.EngineUnsettled[^1].Runs), Count(result.EngineUnsettled[^1].Alerts)],
            ["memory: same rules, same facts, no store", Rate(memory.Median), Rate(memory.Min), Rate(memory.Max), S(facts / memory.Median), Count(result.Ticks), Count(result.MemoryAlerts.Values.Sum(a => a.Alerts))],
            [$"SQL by hand: LUARM-IRC-001 and LUARM-IRC-002 re-run at each of {result.Ticks} ticks", Rate(facts / sqlSeconds), "", "", S(sqlSeconds), Count(result.Ticks), ""],
        ]);
        Line($"**Engine against memory:** {Ratio(engine.Median / memory.Median)} of the in-memory rate with the default options, {Ratio(unsettled.Median / memory.Median)} without the settle pause. " +
            $"The engine's {S(unsettledSeconds)} s without settling (medians) against its parts measured alone: the rules in memory {S(facts / memory.Median)} s; reading the rows back alone (`FactReader`, batches of 20,000) {S(result.ReadBackSeconds)} s; " +
            $"their sum less the engine's time, {S((facts / memory.Median) + result.ReadBackSeconds - unsettledSeconds)} s, is what reading ahead on a second thread while a batch is evaluated saves, net of committing {Count(result.EngineUnsettled[^1].Alerts)} alerts with their evidence and the watermarks and the cycle's own work. " +
            $"{Count(result.EngineUnsettled[^1].FactsInSessions)} facts left in the sessions. " +
            $"Managed heap after the rounds {result.MemoryAfter.ManagedMiB:0} MiB (it holds the generated stream too), working set {result.MemoryAfter.WorkingSetMiB:0} MiB.");
        Line();
        Line($"SQL by hand, each query at the last tick (whole tables): {string.Join("; ", lastTick.Select(q => $"{q.Rule} {Ms(q.Ms)} ms"))}.");
        Line();
        var ids = result.StoredAlerts.Keys.Union(result.MemoryAlerts.Keys).Order(StringComparer.Ordinal).ToArray();
        Table(["rule", "engine alerts", "engine hits", "memory alerts", "memory hits", "SQL matches"],
            ids.Select(id =>
            {
                var stored = result.StoredAlerts.GetValueOrDefault(id);
                var fed = result.MemoryAlerts.GetValueOrDefault(id);
                var sql = lastTick.Where(q => q.Rule == id).Select(q => Count(q.Matches)).FirstOrDefault() ?? "";
                return (IReadOnlyList<string>)[id, Count(stored.Alerts), Count(stored.Hits), Count(fed.Alerts), Count(fed.Hits), sql];
            }));
    }

    public static void History(IReadOnlyList<HistoryStep> steps, EngineBenchOptions options)
    {
        Line($"One store filled with one continuous stream ({options.Hosts} hosts, {options.Rate.ToString(CultureInfo.InvariantCulture)} facts/s of event time). At each history size, {Count(options.NewFacts)} new facts are appended, " +
            $"then {options.HistoryTrials} engines in turn (after one more, not counted, that warms up), each with its watermarks at the end of the history, start (*rebuild*: `PrepareAsync`, sessions refilled from the store, the retention's worth of facts) " +
            "and catch up on the new facts (timed), over the same alerts table (alerts a trial added are removed before the next). Medians of the trials, min to max beside. " +
            "Memory after a full collection, the last engine alive.");
        Line();
        var first = steps[0].Median.Seconds;
        Table(["history rows", "new facts", "seconds (median)", "min to max", "facts/s", "against the first", "alerts", "rebuild s (median)", "facts in sessions", "hosts", "managed heap MiB", "working set MiB"],
            steps.Select(s => (IReadOnlyList<string>)[
                Count(s.HistoryRows), Count(s.Median.Rows), S(s.Median.Seconds), $"{S(s.CatchUps.Min(c => c.Seconds))} to {S(s.CatchUps.Max(c => c.Seconds))}",
                Rate(s.Median.RowsPerSecond), (s.Median.Seconds / first).ToString("0.00", CultureInfo.InvariantCulture) + "×", Count(s.Median.Alerts),
                S(s.MedianRebuild), Count(s.Median.FactsInSessions), Count(s.Hosts),
                s.Memory.ManagedMiB.ToString("0", CultureInfo.InvariantCulture), s.Memory.WorkingSetMiB.ToString("0", CultureInfo.InvariantCulture)]));
    }

    public static void Latency(LatencyResult result, EngineBenchOptions options)
    {
        Line($"{result.LatencyMs.Count} trials. The engine runs a cycle every {result.ScheduleSeconds.ToString(CultureInfo.InvariantCulture)} s (the default schedule; a `PeriodicTimer` loop calling `RunOnceAsync` until caught up, " +
            $"as the Quartz job does) while {options.Hosts} hosts' live traffic ({options.Rate.ToString(CultureInfo.InvariantCulture)} facts/s) is appended every 0.5 s. " +
            "Each trial waits 1 to 4 s, appends a bot's process and its IRC connection stamped now (two FactWriter calls), and polls the alerts table every 20 ms; " +
            "latency runs from the connection's commit to the poll that sees the alert.");
        Line();
        Table(["", "median", "p95", "min", "max"],
        [
            ["insertion → committed alert, ms", Ms0(result.LatencyMs.Median), Ms0(result.LatencyMs.P95), Ms0(result.LatencyMs.Min), Ms0(result.LatencyMs.Max)],
            ["one scheduled catch-up, ms", Ms0(result.CycleMs.Median), Ms0(result.CycleMs.P95), Ms0(result.CycleMs.Min), Ms0(result.CycleMs.Max)],
        ]);
    }

    private static string S(double seconds) => seconds.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Ms0(double ms) => ms.ToString("0", CultureInfo.InvariantCulture);
}
