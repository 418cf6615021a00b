using System.Data.Common;
using System.Globalization;
using Luarm.Store.Vocabulary;

namespace Luarm.Store.Access;

/// <summary>One prepared INSERT, re-bound for every row inside the caller's transaction.</summary>
internal static class SqliteBulkInsert
{
    /// <summary>
    /// Page cache for the length of an append, in KiB (SQLite's default is 2 MiB).
    /// A batch dirties index pages all over a table (netinfo has seven indexes);
    /// with the default cache SQLite spills them to the WAL mid-transaction and
    /// reads them back, which cost netinfo appends about a third of their time
    /// (docs/benchmarks.md). Memory is taken only as pages are used and is handed
    /// back once the append is over.
    /// </summary>
    private const int AppendCacheKiB = 256 * 1024;

    public static async Task<int> AppendAsync<T>(
        FactStore store, DbConnection connection, DbTransaction transaction, FactTable table,
        IReadOnlyCollection<T> rows, CancellationToken cancel) where T : class
    {
        var cacheSize = Convert.ToInt64(await PragmaAsync(connection, transaction, "PRAGMA cache_size", cancel), CultureInfo.InvariantCulture);
        await PragmaAsync(connection, transaction, $"PRAGMA cache_size = -{AppendCacheKiB}", cancel);
        try
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            var columns = table.Columns;
            insert.CommandText =
                $"INSERT INTO {table.Name} ({string.Join(", ", columns.Select(c => c.Name))}) " +
                $"VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
            var parameters = columns.Select((_, i) =>
            {
                var parameter = insert.CreateParameter();
                parameter.ParameterName = "$p" + i;
                insert.Parameters.Add(parameter);
                return parameter;
            }).ToArray();
            await insert.PrepareAsync(cancel);
            foreach (var row in rows)
            {
                for (var i = 0; i < columns.Count; i++)
                {
                    parameters[i].Value = store.ToParameter(columns[i].Read(row));
                }
                await insert.ExecuteNonQueryAsync(cancel);
            }
            return rows.Count;
        }
        finally
        {
            // Pages this transaction dirtied stay cached until the caller commits.
            await PragmaAsync(connection, transaction, FormattableString.Invariant($"PRAGMA cache_size = {cacheSize}"), CancellationToken.None);
        }
    }

    private static async Task<object?> PragmaAsync(DbConnection connection, DbTransaction transaction, string pragma, CancellationToken cancel)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = pragma;
        return await command.ExecuteScalarAsync(cancel);
    }
}
