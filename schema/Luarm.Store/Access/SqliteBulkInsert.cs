using System.Data.Common;
using Luarm.Store.Vocabulary;

namespace Luarm.Store.Access;

/// <summary>One prepared INSERT, re-bound for every row inside the caller's transaction.</summary>
internal static class SqliteBulkInsert
{
    public static async Task<int> AppendAsync<T>(
        FactStore store, DbConnection connection, DbTransaction transaction, FactTable table,
        IReadOnlyCollection<T> rows, CancellationToken cancel) where T : class
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
}
