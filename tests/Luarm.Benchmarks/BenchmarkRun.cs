using Luarm.Store.Access;

namespace Luarm.Benchmarks;

/// <summary>One run: the machine, then per dialect the fill with its rounds, the queries, and the append paths side by side.</summary>
public static class BenchmarkRun
{
    public static async Task RunAsync(BenchOptions options)
    {
        Markdown.Line($"Command: `dotnet run -c Release --project tests/Luarm.Benchmarks -- {options.CommandLine}`");
        Markdown.Heading("Machine");
        var settings = MachineInfo.Describe().ToList();
        if (options.MySql)
        {
            await using var store = await BenchStore.CreateMySqlAsync(options.MySqlConnection!, keep: options.Keep);
            settings.AddRange(await MachineInfo.DescribeAsync(store.Store));
            await RunDialectAsync(store, options, settings);
            if (options.Paths)
            {
                Progress.Say("MySql: comparing append paths");
                Markdown.Heading("MariaDB: append paths side by side");
                await using var paths = await MariaDbAppendPaths.CreateAsync(options.MySqlConnection!);
                Report.Variants(await new AppendVariantsBenchmark(options).RunAsync(paths.Variants), options);
            }
        }
        if (options.Sqlite)
        {
            await using var store = await BenchStore.CreateSqliteAsync(options.Keep);
            settings.AddRange(await MachineInfo.DescribeAsync(store.Store));
            await RunDialectAsync(store, options, settings);
            if (options.Paths)
            {
                Progress.Say("Sqlite: comparing append paths");
                Markdown.Heading("SQLite: append paths side by side");
                await using var paths = await SqliteAppendPaths.CreateAsync();
                Report.Variants(await new AppendVariantsBenchmark(options).RunAsync(paths.Variants), options);
            }
        }
        Markdown.Line($"Load average at the end (1, 5, 15 min): {MachineInfo.LoadAverage()}.");
    }

    private static async Task RunDialectAsync(BenchStore store, BenchOptions options, List<(string, string)> settings)
    {
        if (settings.Count > 0)
        {
            // The machine table goes out once, before the first dialect's figures.
            Report.Settings(settings);
            settings.Clear();
        }
        var dialect = store.Store.Dialect;
        Progress.Say($"{dialect}: filling {store.Label} with {options.Rows:N0} rows");
        var generator = new NetinfoGenerator(options.Rows);
        Markdown.Heading($"{Report.Name(dialect)}: bulk append vs single-row inserts");
        Report.Append(dialect, await new BulkAppendBenchmark(store.Store, options).RunAsync(generator), options);
        Markdown.Heading($"{Report.Name(dialect)}: forensic queries on {options.Rows:N0} netinfo rows");
        Markdown.Line($"The table holds {generator.Incident.UndernetRows:N0} rows to undernet.irc.justedge.net and {generator.Incident.BotRows:N0} rows of nobody's pid 29312 on host 1 (other hosts reuse the pid). {await TableSize.DescribeAsync(store)}.");
        Markdown.Line();
        Report.Queries(dialect, await new ForensicQueryBenchmark(store.Store, store.Unpooled, options).RunAsync(), options);
    }
}
