using System.Data.Common;
using Dapper;

namespace Luarm.Store.Access;

/// <summary>
/// The last fact id a consumer (an engine) has evaluated, per table. Writes take
/// the caller's connection and transaction so a watermark moves in the same
/// commit as the alerts it produced.
/// </summary>
public sealed class Watermarks(FactStore store)
{
    public Task<long> GetAsync(string consumer, string factTable, CancellationToken cancel = default) =>
        store.RunAsync(async connection => await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT lastid FROM watermarks WHERE consumer = @consumer AND facttable = @factTable",
            new { consumer, factTable }, cancellationToken: cancel)) ?? 0L, cancel);

    public Task SetAsync(DbConnection connection, DbTransaction? transaction, string consumer, string factTable, long lastId, CancellationToken cancel = default)
    {
        var upsert = store.Dialect == StoreDialect.MySql
            ? "INSERT INTO watermarks (consumer, facttable, lastid, updated) VALUES (@consumer, @factTable, @lastId, @updated) ON DUPLICATE KEY UPDATE lastid = VALUES(lastid), updated = VALUES(updated)"
            : "INSERT INTO watermarks (consumer, facttable, lastid, updated) VALUES (@consumer, @factTable, @lastId, @updated) ON CONFLICT (consumer, facttable) DO UPDATE SET lastid = excluded.lastid, updated = excluded.updated";
        return connection.ExecuteAsync(new CommandDefinition(upsert,
            new { consumer, factTable, lastId, updated = store.ToParameter(DateTime.UtcNow) }, transaction, cancellationToken: cancel));
    }

    public Task SetAsync(string consumer, string factTable, long lastId, CancellationToken cancel = default) =>
        store.RunAsync(connection => SetAsync(connection, null, consumer, factTable, lastId, cancel), cancel);
}
