using System.CommandLine;
using Luarm.Benchmarks;
using Luarm.Benchmarks.AgentBench;
using Luarm.Benchmarks.EngineBench;
using Luarm.Benchmarks.RuleBench;

var root = new RootCommand(
    "Luarm.Detect benchmarks: bulk append vs single-row inserts into netinfo, then the write-up's forensic queries on the filled table, on MariaDB and SQLite; " +
    "`rules` and `engine` measure the rule language and the detection engine, `agent` the luarm agent against auditd. Prints Markdown for docs/benchmarks.md.");
Define(root, "luarm-bench", BenchOptions.All, BenchOptions.From, BenchmarkRun.RunAsync);
root.Subcommands.Add(Define(
    new Command("rules", "Compile time of a large generated rule set; the canonical rule compiled from YAML against the same rule hand-written in NRules' fluent DSL; a larger set on the same facts."),
    "luarm-bench rules", RuleBenchOptions.All, RuleBenchOptions.From, options =>
    {
        RuleBenchRun.Run(options);
        return Task.CompletedTask;
    }));
root.Subcommands.Add(Define(
    new Command("engine", "The detection engine end to end (store rows to committed alerts) against the same rules fed from memory and against SQL by hand; cost of new facts as history grows; latency from insertion to alert."),
    "luarm-bench engine", EngineBenchOptions.All, EngineBenchOptions.From, EngineBenchRun.RunAsync));
root.Subcommands.Add(Define(
    new Command("agent", "The luarm agent (audit and classic sources) against auditd on this host, alone in turn, in rounds: fidelity of a process storm and short TCP/UDP traffic, CPU, and latency to the committed row; needs root."),
    "luarm-bench agent", AgentBenchOptions.All, AgentBenchOptions.From, AgentBenchRun.RunAsync));

return await root.Parse(args).InvokeAsync();

// A command's options, read into its options record (a bad value is exit 2 with one line), and its run.
static Command Define<TOptions>(Command command, string name, IEnumerable<Option> all, Func<ParseResult, TOptions> from, Func<TOptions, Task> run)
{
    foreach (var option in all)
    {
        command.Options.Add(option);
    }
    command.SetAction(async (parse, cancel) =>
    {
        TOptions options;
        try
        {
            options = from(parse);
        }
        catch (ArgumentException error)
        {
            await Console.Error.WriteLineAsync($"{name}: {error.Message}");
            return 2;
        }
        await run(options);
        return 0;
    });
    return command;
}
