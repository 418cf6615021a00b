using System.Data.Common;

namespace Luarm.Store.Access;

/// <summary>The <c>uploads</c> table (migration 0010): one row per appended chunk, keyed by host and batch id.</summary>
internal static class UploadLedger
{
    public const string Table = "uploads";

    /// <summary>Records <paramref name="batch"/> inside the caller's transaction; a duplicate key means the batch is already stored.</summary>
    public static async Task RecordAsync(
        FactStore store, DbConnection connection, DbTransaction transaction, UploadBatch batch, int hostId, int rows, CancellationToken cancel)
    {
        var statement = new BatchStatement();
        var sql = $"INSERT INTO {Table} (hostid, agent, batch, part, rowcount, uploaded) VALUES (" +
            $"{statement.Bind(hostId)}, {statement.Bind(batch.Agent)}, {statement.Bind(batch.Sequence)}, " +
            $"{statement.Bind(batch.Part)}, {statement.Bind(rows)}, {statement.Bind(store.ToParameter(DateTime.UtcNow))})";
        await statement.ExecuteAsync(connection, transaction, sql, cancel);
    }
}
