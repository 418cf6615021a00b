using Luarm.Store.Vocabulary;

namespace Luarm.Store.Access;

/// <summary>
/// Appends rows in bulk, all or nothing: one transaction per call, multi-row
/// INSERTs on MariaDB, a prepared INSERT re-bound per row on SQLite. Never one
/// round trip per row.
/// </summary>
public sealed class FactWriter(FactStore store)
{
    public Task<int> AppendAsync<T>(IReadOnlyCollection<T> rows, CancellationToken cancel = default)
        where T : class
    {
        if (rows.Count == 0)
        {
            return Task.FromResult(0);
        }
        var table = FactTable.Of<T>();
        return store.RunAsync(async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancel);
            var appended = store switch
            {
                MySqlStore => await MySqlBulkInsert.AppendAsync(store, connection, transaction, table, rows, cancel),
                _ => await SqliteBulkInsert.AppendAsync(store, connection, transaction, table, rows, cancel),
            };
            await transaction.CommitAsync(cancel);
            return appended;
        }, cancel);
    }
}
