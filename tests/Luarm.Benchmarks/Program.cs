using System.CommandLine;
using Luarm.Benchmarks;

var root = new RootCommand(
    "Luarm.Detect benchmarks: bulk append vs single-row inserts into netinfo, then the write-up's forensic queries on the filled table, on MariaDB and SQLite. Prints Markdown for docs/benchmarks.md.");
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
return await root.Parse(args).InvokeAsync();
