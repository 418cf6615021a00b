using System.Data.Common;
using System.Diagnostics;

namespace Luarm.Store.Access;

/// <summary>What an ad-hoc SQL statement returned: a table, or a count of changed rows.</summary>
public sealed record SqlResult(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows, int RowsAffected, TimeSpan Elapsed, bool Vertical);

/// <summary>Runs an examiner's SQL as typed, like the mysql console in the LUARM write-up.</summary>
public sealed class SqlQuery(FactStore store)
{
    /// <param name="text">One statement, optionally ending in <c>;</c> or <c>\G</c>.</param>
    public Task<SqlResult> RunAsync(string text, CancellationToken cancel = default) =>
        store.RunAsync(async connection =>
        {
            var statement = ConsoleStatement.Parse(text, store.Dialect);
            var clock = Stopwatch.StartNew();
            await using var command = connection.CreateCommand();
            command.CommandText = statement.Sql;
            await using var reader = await command.ExecuteReaderAsync(cancel);
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
            var rows = new List<object?[]>();
            while (await reader.ReadAsync(cancel))
            {
                rows.Add(ReadRow(reader));
            }
            var affected = reader.RecordsAffected;
            return new SqlResult(columns, rows, affected, clock.Elapsed, statement.Vertical);
        }, cancel);

    private static object?[] ReadRow(DbDataReader reader)
    {
        var row = new object?[reader.FieldCount];
        for (var i = 0; i < row.Length; i++)
        {
            row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
        }
        return row;
    }
}
