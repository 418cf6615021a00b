using Luarm.Store.Access;
using static Luarm.Benchmarks.Markdown;

namespace Luarm.Benchmarks;

/// <summary>Turns each benchmark's results into the Markdown tables of docs/benchmarks.md.</summary>
public static class Report
{
    public static void Settings(IEnumerable<(string Name, string Value)> settings) =>
        Table(["", ""], settings.Select(s => (IReadOnlyList<string>)[s.Name, s.Value]));

    public static string Name(StoreDialect dialect) => dialect == StoreDialect.MySql ? "MariaDB" : "SQLite";

    public static void Append(StoreDialect dialect, AppendResult result, BenchOptions options)
    {
        Line($"**{Name(dialect)}, fill of {Count(result.BulkRows)} rows by FactWriter in batches of {Count(options.Batch)}:** " +
            $"{Rate(result.SustainedRate)} rows/s sustained ({result.BulkSeconds:0.0} s); " +
            $"first tenth {Rate(result.FirstTenthRate)} rows/s, last tenth {Rate(result.LastTenthRate)} rows/s; " +
            $"per batch median {Rate(result.BatchRates.Median)}, min {Rate(result.BatchRates.Min)}, max {Rate(result.BatchRates.Max)} rows/s.");
        Line();
        Table(["round", "table rows", "bulk rows/s", "single-row rows/s", "ratio"],
            result.Rounds.Select(r => (IReadOnlyList<string>)[
                r.Round.ToString(System.Globalization.CultureInfo.InvariantCulture), Count(r.TableRows),
                Rate(r.BulkRowsPerSecond), Rate(r.SingleRowsPerSecond), Ratio(r.Ratio)]));
        Line($"**{Name(dialect)}, medians of {result.Rounds.Count} rounds:** bulk {Rate(result.MedianRoundBulkRate)} rows/s, " +
            $"single-row {Rate(result.MedianSingleRate)} rows/s, ratio {Ratio(result.MedianRatio)} (median of the per-round ratios).");
    }

    public static void Variants(IReadOnlyList<VariantRate> variants, BenchOptions options)
    {
        Line($"{options.Rounds} rounds; in each, every variant appends the same {Count(options.Batch)} rows into its own fresh store, in rotating order.");
        Line();
        Table(["variant", "median rows/s", "min", "max", "µs per row (median)"],
            variants.Select(v => (IReadOnlyList<string>)[
                v.Name, Rate(v.Rates.Median), Rate(v.Rates.Min), Rate(v.Rates.Max),
                (1e6 / v.Rates.Median).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)]));
    }

    public static void Queries(StoreDialect dialect, IReadOnlyList<QueryTiming> timings, BenchOptions options)
    {
        var server = dialect == StoreDialect.MySql;
        Line($"{options.Warmup} warm-up runs, then {options.QueryRuns} timed runs of each, round-robin, through SqlQuery; milliseconds. " +
            "*Pooled*: connection from the pool, statement, every row read. *Execute+read*: SqlQuery's own clock, without the open. " +
            "*New connection*: the same on a connection opened for the query (Pooling=False), as a one-shot `luarm sql` gets it." +
            (server ? " *Server*: ANALYZE FORMAT=JSON, optimisation plus execution." : ""));
        Line();
        IReadOnlyList<string> header = ["query", "answer", "pooled median", "pooled p95", "execute+read median", "new connection median", "new connection p95"];
        Table(server ? [.. header, "server median", "server p95"] : header,
            timings.Select(t =>
            {
                IReadOnlyList<string> row = [$"`{t.Sql}`", t.Answer, Ms(t.EndToEndMs.Median), Ms(t.EndToEndMs.P95), Ms(t.ExecuteMs.Median), Ms(t.NewConnectionMs.Median), Ms(t.NewConnectionMs.P95)];
                return server ? [.. row, Ms(t.ServerMs!.Median), Ms(t.ServerMs.P95)] : row;
            }));
        Table(["query", "plan"], timings.Select(t => (IReadOnlyList<string>)[t.Label, t.Plan]));
    }
}
