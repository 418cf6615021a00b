using System.Data.Common;
using System.Text;
using Luarm.Store.Vocabulary;

namespace Luarm.Store.Access;

/// <summary>
/// Multi-row INSERTs with positional parameters, cut into statements that stay
/// well below MariaDB's default max_allowed_packet (16 MiB).
/// </summary>
internal static class MySqlBulkInsert
{
    private const int MaxRowsPerStatement = 1000;
    private const long MaxBytesPerStatement = 4 * 1024 * 1024;

    public static async Task<int> AppendAsync<T>(
        FactStore store, DbConnection connection, DbTransaction transaction, FactTable table,
        IReadOnlyCollection<T> rows, CancellationToken cancel) where T : class
    {
        var columns = table.Columns;
        var head = $"INSERT INTO {table.Name} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ";
        var tuple = "(" + string.Join(",", Enumerable.Repeat("?", columns.Count)) + ")";
        var chunk = new List<object>(MaxRowsPerStatement * columns.Count);
        long bytes = 0;
        var rowsInChunk = 0;
        foreach (var row in rows)
        {
            foreach (var column in columns)
            {
                var value = store.ToParameter(column.Read(row));
                bytes += value is string text ? text.Length * 4L : 16;
                chunk.Add(value);
            }
            rowsInChunk++;
            if (rowsInChunk == MaxRowsPerStatement || bytes >= MaxBytesPerStatement)
            {
                await FlushAsync(connection, transaction, head, tuple, rowsInChunk, chunk, cancel);
                chunk.Clear();
                bytes = 0;
                rowsInChunk = 0;
            }
        }
        if (rowsInChunk > 0)
        {
            await FlushAsync(connection, transaction, head, tuple, rowsInChunk, chunk, cancel);
        }
        return rows.Count;
    }

    private static async Task FlushAsync(
        DbConnection connection, DbTransaction transaction, string head, string tuple,
        int rowCount, List<object> values, CancellationToken cancel)
    {
        var text = new StringBuilder(head.Length + (rowCount * (tuple.Length + 1)));
        text.Append(head).Append(tuple);
        for (var i = 1; i < rowCount; i++)
        {
            text.Append(',').Append(tuple);
        }
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = text.ToString();
        foreach (var value in values)
        {
            var parameter = insert.CreateParameter();
            parameter.Value = value;
            insert.Parameters.Add(parameter);
        }
        await insert.ExecuteNonQueryAsync(cancel);
    }
}
