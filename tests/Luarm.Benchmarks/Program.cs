using System.CommandLine;
using Luarm.Benchmarks;
using Luarm.Benchmarks.AgentBench;
using Luarm.Benchmarks.EngineBench;
using Luarm.Benchmarks.RuleBench;

var root = new RootCommand(
    "Luarm.Detect benchmarks: bulk append vs single-row inserts into netinfo, then the write-up's forensic queries on the filled table, on MariaDB and SQLite; " +
    "`rules` and `engine` measure the rule language and the detection engine. Prints Markdown for docs/benchmarks.md.");
foreach (var option in BenchOptions.All)
{
    root.Options.Add(option);
}
root.SetAction(async (parse, cancel) =>
{
    BenchOptions options;
    try
    {
        options = BenchOptions.From(parse);
    }
    catch (ArgumentException error)
    {
        await Console.Error.WriteLineAsync($"luarm-bench: {error.Message}");
        return 2;
    }
    await BenchmarkRun.RunAsync(options);
    return 0;
});

var rules = new Command("rules", "Compile time of a large generated rule set; the canonical rule compiled from YAML against the same rule hand-written in NRules' fluent DSL; a larger set on the same facts.");
foreach (var option in RuleBenchOptions.All)
{
    rules.Options.Add(option);
}
rules.SetAction(async (parse, cancel) =>
{
    RuleBenchOptions options;
    try
    {
        options = RuleBenchOptions.From(parse);
    }
    catch (ArgumentException error)
    {
        await Console.Error.WriteLineAsync($"luarm-bench rules: {error.Message}");
        return 2;
    }
    RuleBenchRun.Run(options);
    return 0;
});
root.Subcommands.Add(rules);

var engine = new Command("engine", "The detection engine end to end (store rows to committed alerts) against the same rules fed from memory and against SQL by hand; cost of new facts as history grows; latency from insertion to alert.");
foreach (var option in EngineBenchOptions.All)
{
    engine.Options.Add(option);
}
engine.SetAction(async (parse, cancel) =>
{
    EngineBenchOptions options;
    try
    {
        options = EngineBenchOptions.From(parse);
    }
    catch (ArgumentException error)
    {
        await Console.Error.WriteLineAsync($"luarm-bench engine: {error.Message}");
        return 2;
    }
    await EngineBenchRun.RunAsync(options);
    return 0;
});
root.Subcommands.Add(engine);

var agent = new Command("agent", "The luarm agent (audit and classic sources) against auditd on this host, alone in turn, in rounds: fidelity of a process storm and short TCP/UDP traffic, CPU, and latency to the committed row; needs root.");
foreach (var option in AgentBenchOptions.All)
{
    agent.Options.Add(option);
}
agent.SetAction(async (parse, cancel) =>
{
    AgentBenchOptions options;
    try
    {
        options = AgentBenchOptions.From(parse);
    }
    catch (ArgumentException error)
    {
        await Console.Error.WriteLineAsync($"luarm-bench agent: {error.Message}");
        return 2;
    }
    await AgentBenchRun.RunAsync(options);
    return 0;
});
root.Subcommands.Add(agent);

return await root.Parse(args).InvokeAsync();
