using Luarm.Store.Access;
using Luarm.Store.Facts;
using Luarm.Store.Vocabulary;

namespace Luarm.Benchmarks;

/// <summary>
/// SqliteBulkInsert as it was before the benchmark: the same prepared INSERT in
/// one transaction, but with SQLite's default 2 MiB page cache. Kept to show
/// what raising the cache for an append is worth.
/// </summary>
public static class DefaultCacheSqliteAppend
{
    public static async Task AppendAsync(FactStore store, EndpointFact[] rows)
    {
        var columns = FactTable.Of<EndpointFact>().Columns;
        await using var connection = await store.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText =
            $"INSERT INTO netinfo ({string.Join(", ", columns.Select(c => c.Name))}) " +
            $"VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
        var parameters = columns.Select((_, i) =>
        {
            var parameter = insert.CreateParameter();
            parameter.ParameterName = "$p" + i;
            insert.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        await insert.PrepareAsync();
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                parameters[i].Value = StoreValue.For(StoreDialect.Sqlite, columns[i].Read(row));
            }
            await insert.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }
}
