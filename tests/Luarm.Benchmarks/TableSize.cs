using System.Globalization;
using Luarm.Store.Access;

namespace Luarm.Benchmarks;

/// <summary>How much room the filled table takes: context for the query times and the buffer pool size.</summary>
public static class TableSize
{
    public static async Task<string> DescribeAsync(BenchStore store)
    {
        if (store.Store is SqliteStore sqlite)
        {
            var bytes = new[] { sqlite.Path, sqlite.Path + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);
            return $"SQLite file and WAL: {MiB(bytes)} MiB";
        }
        var sizes = await new SqlQuery(store.Store).RunAsync(
            "select data_length, index_length from information_schema.tables where table_schema = database() and table_name = 'netinfo'");
        var row = sizes.Rows[0];
        return $"netinfo in InnoDB: {MiB(Convert.ToInt64(row[0], CultureInfo.InvariantCulture))} MiB of rows, {MiB(Convert.ToInt64(row[1], CultureInfo.InvariantCulture))} MiB of secondary indexes (InnoDB's estimate)";
    }

    private static string MiB(long bytes) => (bytes / 1024.0 / 1024.0).ToString("N0", CultureInfo.InvariantCulture);
}
