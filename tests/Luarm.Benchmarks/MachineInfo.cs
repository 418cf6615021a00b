using System.Runtime.InteropServices;
using Luarm.Store.Access;

namespace Luarm.Benchmarks;

/// <summary>What the figures were measured on: they mean little without it.</summary>
public static class MachineInfo
{
    public static IEnumerable<(string, string)> Describe() =>
    [
        ("date (UTC)", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)),
        ("nproc", Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("CPU", ProcField("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString()),
        ("memory", ProcField("/proc/meminfo", "MemTotal") is { } total ? ToGiB(total) : "unknown"),
        ("OS", RuntimeInformation.OSDescription),
        (".NET", RuntimeInformation.FrameworkDescription),
        ("load average at start (1, 5, 15 min)", LoadAverage()),
    ];

    /// <summary>The machine is shared: how busy it was tells how far to trust a figure.</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    /// <summary>Server version and the settings that weigh most on appends.</summary>
    public static async Task<IEnumerable<(string, string)>> DescribeAsync(FactStore store)
    {
        var sql = new SqlQuery(store);
        if (store.Dialect == StoreDialect.Sqlite)
        {
            var version = await sql.RunAsync("select sqlite_version()");
            var mode = await sql.RunAsync("PRAGMA journal_mode");
            var sync = await sql.RunAsync("PRAGMA synchronous");
            var cache = await sql.RunAsync("PRAGMA cache_size");
            return
            [
                ("SQLite", $"{version.Rows[0][0]} (Microsoft.Data.Sqlite, e_sqlite3), journal_mode={mode.Rows[0][0]}, synchronous={sync.Rows[0][0]} (1 = NORMAL), cache_size={cache.Rows[0][0]}"),
            ];
        }
        var server = await sql.RunAsync("select version(), @@innodb_buffer_pool_size, @@innodb_flush_log_at_trx_commit, @@innodb_log_file_size, @@sync_binlog, @@log_bin");
        var row = server.Rows[0];
        return
        [
            ("MariaDB", $"{row[0]}, innodb_buffer_pool_size={Convert.ToInt64(row[1], System.Globalization.CultureInfo.InvariantCulture) >> 20} MiB, innodb_flush_log_at_trx_commit={row[2]}, innodb_log_file_size={Convert.ToInt64(row[3], System.Globalization.CultureInfo.InvariantCulture) >> 20} MiB, log_bin={row[5]}"),
        ];
    }

    private static string? ProcField(string file, string field)
    {
        try
        {
            return File.ReadLines(file)
                .Where(line => line.StartsWith(field, StringComparison.Ordinal))
                .Select(line => line[(line.IndexOf(':') + 1)..].Trim())
                .FirstOrDefault();
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string ToGiB(string kiloBytes) =>
        long.TryParse(kiloBytes.Split(' ')[0], out var kb) ? $"{kb / 1024.0 / 1024.0:0.0} GiB" : kiloBytes;
}
