using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Luarm.Store.Access;

namespace Luarm.Benchmarks;

/// <summary>
/// The write-up's forensic queries, verbatim, through <see cref="SqlQuery"/>
/// (what <c>luarm sql</c> runs): warmed up, then run round-robin so noise
/// falls on all of them alike. Each run is timed end to end (connection from
/// the pool, execution, every row read), and again on a new connection each
/// time, as a one-shot <c>luarm sql</c> process gets it; on MariaDB, ANALYZE
/// FORMAT=JSON gives the server's own time for the statement.
/// </summary>
public sealed class ForensicQueryBenchmark(FactStore store, FactStore unpooled, BenchOptions options)
{
    public static IReadOnlyList<(string Label, string Sql)> Queries { get; } =
    [
        ("count to undernet", "select COUNT(*) from netinfo where destfqdn='undernet.irc.justedge.net'"),
        ("nobody's pid 29312", "select sourceport,destport,cday,chour,cmin from netinfo where username='nobody' AND pid='29312'"),
        ("nobody's pid 29312, count", "select COUNT(*) from netinfo where username='nobody' AND pid='29312'"),
    ];

    public async Task<IReadOnlyList<QueryTiming>> RunAsync()
    {
        var sql = new SqlQuery(store);
        var fresh = new SqlQuery(unpooled);
        var answers = new string[Queries.Count];
        for (var run = 0; run < options.Warmup; run++)
        {
            for (var q = 0; q < Queries.Count; q++)
            {
                answers[q] = Answer(await sql.RunAsync(Queries[q].Sql));
            }
        }
        var endToEnd = Queries.Select(_ => new List<double>()).ToArray();
        var executed = Queries.Select(_ => new List<double>()).ToArray();
        var newConnection = Queries.Select(_ => new List<double>()).ToArray();
        for (var run = 0; run < options.QueryRuns; run++)
        {
            for (var q = 0; q < Queries.Count; q++)
            {
                var clock = Stopwatch.StartNew();
                var result = await sql.RunAsync(Queries[q].Sql);
                endToEnd[q].Add(clock.Elapsed.TotalMilliseconds);
                executed[q].Add(result.Elapsed.TotalMilliseconds);
                answers[q] = Answer(result);
                clock.Restart();
                await fresh.RunAsync(Queries[q].Sql);
                newConnection[q].Add(clock.Elapsed.TotalMilliseconds);
            }
        }
        var timings = new List<QueryTiming>();
        for (var q = 0; q < Queries.Count; q++)
        {
            timings.Add(new QueryTiming(
                Queries[q].Label, Queries[q].Sql, answers[q],
                Summary.Of(endToEnd[q]), Summary.Of(executed[q]), Summary.Of(newConnection[q]),
                store.Dialect == StoreDialect.MySql ? await ServerTimeAsync(sql, Queries[q].Sql) : null,
                await PlanAsync(sql, Queries[q].Sql)));
        }
        Progress.Say($"{store.Dialect}: queries measured");
        return timings;
    }

    private static string Answer(SqlResult result) =>
        result.Rows.Count == 1 && result.Columns.Count == 1
            ? Convert.ToString(result.Rows[0][0], CultureInfo.InvariantCulture) ?? "NULL"
            : $"{result.Rows.Count:N0} rows";

    private async Task<string> PlanAsync(SqlQuery sql, string query)
    {
        if (store.Dialect == StoreDialect.Sqlite)
        {
            var plan = await sql.RunAsync("EXPLAIN QUERY PLAN " + query);
            return string.Join("; ", plan.Rows.Select(r => r[^1]));
        }
        var explain = await sql.RunAsync("EXPLAIN " + query);
        var columns = explain.Columns;
        return string.Join("; ", explain.Rows.Select(row =>
            $"type={row[Index("type")]} key={row[Index("key")]} rows={row[Index("rows")]} Extra={row[Index("Extra")]}"));

        int Index(string name) => columns.ToList().FindIndex(c => c.Equals(name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Optimisation plus execution time as the server counts it (ANALYZE FORMAT=JSON).</summary>
    private async Task<Summary> ServerTimeAsync(SqlQuery sql, string query)
    {
        var times = new List<double>();
        for (var run = 0; run < options.QueryRuns; run++)
        {
            var result = await sql.RunAsync("ANALYZE FORMAT=JSON " + query);
            using var json = JsonDocument.Parse((string)result.Rows[0][0]!);
            var root = json.RootElement;
            times.Add(root.GetProperty("query_optimization").GetProperty("r_total_time_ms").GetDouble()
                + root.GetProperty("query_block").GetProperty("r_total_time_ms").GetDouble());
        }
        return Summary.Of(times);
    }
}

/// <summary>How one query fared: its answer, its times in milliseconds, and its plan.</summary>
public sealed record QueryTiming(string Label, string Sql, string Answer, Summary EndToEndMs, Summary ExecuteMs, Summary NewConnectionMs, Summary? ServerMs, string Plan);
