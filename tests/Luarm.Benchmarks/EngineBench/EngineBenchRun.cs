using Luarm.Benchmarks.RuleSets;
using Luarm.Engine.Evaluation;
using Luarm.Rules.Loading;
using Luarm.Testing;

namespace Luarm.Benchmarks.EngineBench;

/// <summary>
/// The <c>engine</c> run: a rule set of the shipped pack plus generated rules;
/// then per dialect, each in a fresh store, the throughput against the in-memory
/// feed and the SQL baseline, the cost of new facts as history grows, and the
/// latency from insertion to alert on the default schedule.
/// </summary>
public static class EngineBenchRun
{
    public static async Task RunAsync(EngineBenchOptions options)
    {
        Markdown.Line($"Command: `dotnet run -c Release --project tests/Luarm.Benchmarks -- {options.CommandLine}`");
        Markdown.Heading("Machine");
        var settings = MachineInfo.Describe().ToList();
        var shipped = RuleSetLoader.Load(RepositoryPaths.Rules).Rules.Count(r => r.Enabled);
        using var folder = new GeneratedRuleFolder(options.Rules - shipped);
        var rules = new ActiveRuleSet(folder.WithShippedPack);
        if (!rules.TryReload())
        {
            throw new InvalidOperationException("the engine's rule set did not load");
        }
        var stores = new List<Func<string, Task<BenchStore>>>();
        if (options.MySql)
        {
            stores.Add(suffix => BenchStore.CreateMySqlAsync(options.MySqlConnection!, suffix));
        }
        if (options.Sqlite)
        {
            stores.Add(_ => BenchStore.CreateSqliteAsync());
        }
        foreach (var create in stores)
        {
            await using var probe = await create("_engine");
            settings.AddRange(await MachineInfo.DescribeAsync(probe.Store));
        }
        Report.Settings(settings);
        EngineBenchReport.RuleSet(rules.Current, shipped);
        foreach (var create in stores)
        {
            if (options.Throughput)
            {
                await using var store = await create("_engine");
                var result = await new ThroughputBenchmark(store, rules, options).RunAsync();
                Markdown.Heading($"Engine on {Report.Name(store.Store.Dialect)}: throughput, store to committed alerts");
                EngineBenchReport.Throughput(store.Store.Dialect, result, options);
            }
            if (options.Histories)
            {
                await using var store = await create("_engine");
                var steps = await new HistoryBenchmark(store, rules, options).RunAsync();
                Markdown.Heading($"Engine on {Report.Name(store.Store.Dialect)}: cost of new facts as history grows");
                EngineBenchReport.History(steps, options);
            }
            if (options.Latency)
            {
                await using var store = await create("_engine");
                var latency = await new LatencyBenchmark(store, rules, options).RunAsync();
                Markdown.Heading($"Engine on {Report.Name(store.Store.Dialect)}: latency from insertion to committed alert");
                EngineBenchReport.Latency(latency, options);
            }
        }
        Markdown.Line($"Load average at the end (1, 5, 15 min): {MachineInfo.LoadAverage()}.");
    }
}
