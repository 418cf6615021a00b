using System.CommandLine;

namespace Luarm.Benchmarks;

/// <summary>What to run and how big; every figure has a default that gives the documented run.</summary>
public sealed record BenchOptions(
    long Rows, int Batch, int Rounds, int SingleRows, int QueryRuns, int Warmup,
    bool MySql, bool Sqlite, string? MySqlConnection, bool Paths, bool Keep)
{
    public const string MySqlVariable = "LUARM_BENCH_MYSQL";

    public static readonly Option<long> RowsOption = new("--rows") { Description = "rows of netinfo to fill (the queries run on this table)", DefaultValueFactory = _ => 5_000_000 };
    public static readonly Option<int> BatchOption = new("--batch") { Description = "rows per FactWriter.AppendAsync call", DefaultValueFactory = _ => 10_000 };
    public static readonly Option<int> RoundsOption = new("--rounds") { Description = "bulk vs single-row rounds, spread over the fill", DefaultValueFactory = _ => 9 };
    public static readonly Option<int> SingleRowsOption = new("--single-rows") { Description = "single-row INSERTs per round", DefaultValueFactory = _ => 2_000 };
    public static readonly Option<int> QueryRunsOption = new("--query-runs") { Description = "timed runs of each query", DefaultValueFactory = _ => 50 };
    public static readonly Option<int> WarmupOption = new("--warmup") { Description = "untimed runs of each query first", DefaultValueFactory = _ => 5 };
    public static readonly Option<string> DialectOption = new("--dialect") { Description = "both, mysql or sqlite", DefaultValueFactory = _ => "both" };
    public static readonly Option<string?> MySqlOption = new("--mysql") { Description = $"MariaDB connection string of an account that may create databases (default: ${MySqlVariable}); its Database (default luarm_bench) is dropped and re-created" };
    public static readonly Option<bool> NoPathsOption = new("--no-paths") { Description = "skip the side-by-side comparison of append paths (trigger cost, LOAD DATA, page cache, call size)" };
    public static readonly Option<bool> KeepOption = new("--keep") { Description = "keep the filled stores for inspection" };

    public static IEnumerable<Option> All =>
    [
        RowsOption, BatchOption, RoundsOption, SingleRowsOption, QueryRunsOption, WarmupOption,
        DialectOption, MySqlOption, NoPathsOption, KeepOption,
    ];

    public static BenchOptions From(ParseResult parse)
    {
        var (mysql, sqlite, connection) = Stores(parse);
        var options = new BenchOptions(
            parse.GetValue(RowsOption), parse.GetValue(BatchOption), parse.GetValue(RoundsOption), parse.GetValue(SingleRowsOption),
            parse.GetValue(QueryRunsOption), parse.GetValue(WarmupOption), mysql, sqlite,
            connection, !parse.GetValue(NoPathsOption), parse.GetValue(KeepOption));
        if (options.Batch < 1 || options.Rounds < 1 || options.SingleRows < 1 || options.QueryRuns < 1 || options.Warmup < 0
            || BulkCalls(options) < options.Rounds)
        {
            throw new ArgumentException("sizes must be positive, and --rows big enough for every round to have a bulk call of its own: more than --rounds × --single-rows + (--rounds - 1) × --batch");
        }
        return options;
    }

    /// <summary>Which stores <see cref="DialectOption"/> and <see cref="MySqlOption"/> ask for, and the MariaDB connection string when one is asked for.</summary>
    public static (bool MySql, bool Sqlite, string? Connection) Stores(ParseResult parse)
    {
        var dialect = parse.GetValue(DialectOption)!.ToLowerInvariant();
        if (dialect is not ("both" or "mysql" or "sqlite"))
        {
            throw new ArgumentException($"--dialect {dialect}: say both, mysql or sqlite");
        }
        var connection = parse.GetValue(MySqlOption);
        if (string.IsNullOrWhiteSpace(connection))
        {
            connection = Environment.GetEnvironmentVariable(MySqlVariable);
        }
        var mysql = dialect is "both" or "mysql";
        if (mysql && string.IsNullOrWhiteSpace(connection))
        {
            throw new ArgumentException($"no MariaDB server: set {MySqlVariable} (or pass --mysql) to a connection string such as Server=127.0.0.1;Port=3306;User ID=...;Password=...;Database=luarm_bench, or run with --dialect sqlite");
        }
        if (mysql)
        {
            BenchStore.DatabaseName(connection!);
        }
        return (mysql, dialect is "both" or "sqlite", connection);
    }

    /// <summary>FactWriter calls of the fill: the rows the single-row rounds leave, in batches.</summary>
    private static long BulkCalls(BenchOptions options)
    {
        var bulkRows = options.Rows - ((long)options.Rounds * options.SingleRows);
        return bulkRows <= 0 ? 0 : (bulkRows + options.Batch - 1) / options.Batch;
    }

    /// <summary>The options as typed on a command line, without the connection string (it holds a password).</summary>
    public string CommandLine =>
        $"--rows {Rows} --batch {Batch} --rounds {Rounds} --single-rows {SingleRows} --query-runs {QueryRuns} --warmup {Warmup} " +
        $"--dialect {(MySql && Sqlite ? "both" : MySql ? "mysql" : "sqlite")}{(Paths ? "" : " --no-paths")}{(Keep ? " --keep" : "")}";
}
