using Luarm.Store.Errors;
using Luarm.Store.Vocabulary;

namespace Luarm.Store.Access;

/// <summary>
/// Appends rows in bulk, all or nothing: one transaction per call, multi-row
/// INSERTs on MariaDB, a prepared INSERT re-bound per row on SQLite. Never one
/// round trip per row.
/// </summary>
public sealed class FactWriter(FactStore store)
{
    public async Task<int> AppendAsync<T>(IReadOnlyCollection<T> rows, CancellationToken cancel = default)
        where T : class =>
        rows.Count == 0 ? 0 : await AppendAsync(FactTable.Of<T>(), rows, null, 0, cancel) ?? 0;

    /// <summary>
    /// Appends <paramref name="rows"/> unless <paramref name="batch"/> is already
    /// stored: the batch id goes into the <c>uploads</c> table in the same
    /// transaction, so a retry after a lost acknowledgement, or a replay after a
    /// crash, stores nothing twice. Returns false when the batch was already there.
    /// </summary>
    /// <param name="hostId">The host the batch is recorded for; MariaDB stamps it from the account instead.</param>
    public async Task<bool> AppendOnceAsync<T>(IReadOnlyCollection<T> rows, UploadBatch batch, int hostId, CancellationToken cancel = default)
        where T : class =>
        await AppendAsync(FactTable.Of<T>(), rows, batch, hostId, cancel) is not null;

    /// <summary>
    /// <see cref="AppendOnceAsync{T}"/> for rows whose type is known only at run
    /// time (read from a file): every row must be of <paramref name="table"/>'s row type.
    /// </summary>
    public async Task<bool> AppendOnceAsync(FactTable table, IReadOnlyCollection<object> rows, UploadBatch batch, int hostId, CancellationToken cancel = default)
    {
        if (rows.FirstOrDefault(row => row.GetType() != table.RowType) is { } stray)
        {
            throw new ArgumentException($"a {stray.GetType().Name} is not a row of {table.Name}", nameof(rows));
        }
        return await AppendAsync(table, rows, batch, hostId, cancel) is not null;
    }

    /// <summary>The rows appended, or null when <paramref name="batch"/> was already stored.</summary>
    private Task<int?> AppendAsync<T>(FactTable table, IReadOnlyCollection<T> rows, UploadBatch? batch, int hostId, CancellationToken cancel)
        where T : class
    {
        return store.RunAsync<int?>(async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancel);
            if (batch is not null)
            {
                try
                {
                    // First, so a concurrent attempt of the same batch waits on the key instead of inserting rows.
                    await UploadLedger.RecordAsync(store, connection, transaction, batch, hostId, rows.Count, cancel);
                }
                catch (Exception error) when (StoreFaults.IsDuplicateKey(error))
                {
                    return null;
                }
            }
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
