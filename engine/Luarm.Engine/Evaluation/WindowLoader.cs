using Dapper;
using Luarm.Store.Access;
using Luarm.Store.Vocabulary;

namespace Luarm.Engine.Evaluation;

/// <summary>
/// Reads back what sessions held before a restart or a rule swap: per host, the
/// facts up to the watermarks whose <c>created</c> lies within the retention of
/// that host's newest fact, for the hosts of one shard. The store is the truth;
/// sessions are a cache.
/// </summary>
internal sealed class WindowLoader(FactStore store, HostShard shard)
{
    private readonly TolerantRowReader _reader = new(store);

    /// <summary>"table id: why" for each row left out because it could not be read.</summary>
    public IReadOnlyList<string> Unreadable => _reader.Unreadable;

    public async Task<RebuiltWindow> LoadAsync(
        IReadOnlyDictionary<string, long> watermarks, TimeSpan retention, CancellationToken cancel)
    {
        var clocks = new Dictionary<int, DateTime>();
        var completeUpTo = DateTime.MaxValue;
        foreach (var table in FactTables.Facts)
        {
            var newest = await HostClocksAsync(table, watermarks[table.Name], cancel);
            foreach (var (hostId, clock) in newest)
            {
                clocks[hostId] = clocks.TryGetValue(hostId, out var known) && known > clock ? known : clock;
            }
            // As the cursor's fronts did: a table with rows left to read was read up to its newest evaluated time.
            if (await HasRowsAfterAsync(table, watermarks[table.Name], cancel))
            {
                var front = newest.Values.DefaultIfEmpty(DateTime.MinValue).Max();
                completeUpTo = front < completeUpTo ? front : completeUpTo;
            }
        }
        var byHost = new Dictionary<int, List<object>>();
        foreach (var table in FactTables.Facts)
        {
            foreach (var (hostId, clock) in clocks)
            {
                var since = clock.Ticks > retention.Ticks ? clock - retention : DateTime.MinValue;
                var rows = await _reader.ReadAsync(table, $"hostid = @hostId AND created >= @since AND {table.IdColumn} <= @last",
                    new { hostId, since = store.ToParameter(since), last = watermarks[table.Name], limit = int.MaxValue }, cancel);
                var list = byHost.TryGetValue(hostId, out var existing) ? existing : byHost[hostId] = [];
                list.AddRange(rows.Rows);
            }
        }
        return new RebuiltWindow(byHost, clocks, completeUpTo);
    }

    private Task<bool> HasRowsAfterAsync(FactTable table, long last, CancellationToken cancel) =>
        store.RunAsync(async connection => await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            $"SELECT 1 FROM {table.Name} WHERE {table.IdColumn} > @last AND {shard.SqlCondition} LIMIT 1",
            new { last }, cancellationToken: cancel)) is not null, cancel);

    /// <summary>Each host's newest event time among the table's rows already evaluated.</summary>
    private async Task<Dictionary<int, DateTime>> HostClocksAsync(FactTable table, long last, CancellationToken cancel)
    {
        var rows = await store.RunAsync(connection => connection.QueryAsync<HostClock>(new CommandDefinition(HostClocksSql(table),
            new { last }, cancellationToken: cancel)), cancel);
        return rows.Where(row => row.Newest is not null).ToDictionary(row => row.HostId, row => row.Newest!.Value);
    }

    /// <summary>
    /// The hosts of the table by a loose scan of an index that starts with hostid (one probe
    /// per host, not a pass over the table), then per host its newest evaluated row, read
    /// backwards on the (hostid, created) index: a rebuild costs the same whatever the history.
    /// MariaDB does the loose scan for DISTINCT itself ("Using index for group-by"); SQLite
    /// needs it spelled out as a recursive query (which MariaDB would run as full index scans).
    /// </summary>
    private string HostClocksSql(FactTable table)
    {
        var sqlite = store.Dialect == StoreDialect.Sqlite;
        var hosts = sqlite
            ? $"""
                WITH RECURSIVE hosts (hostid) AS (
                    SELECT MIN(hostid) FROM {table.Name}
                    UNION ALL
                    SELECT (SELECT MIN(hostid) FROM {table.Name} WHERE hostid > hosts.hostid) FROM hosts WHERE hosts.hostid IS NOT NULL)

                """
            : "";
        var from = sqlite ? "hosts" : $"(SELECT DISTINCT hostid FROM {table.Name}) AS hosts";
        // SQLite keeps times as text: a row whose created is not a time must not become a host's clock.
        var valid = sqlite ? " AND julianday(created) IS NOT NULL" : "";
        return $"""
            {hosts}SELECT hostid AS HostId,
                (SELECT created FROM {table.Name} AS f WHERE f.hostid = hosts.hostid AND f.{table.IdColumn} <= @last{valid} ORDER BY created DESC LIMIT 1) AS Newest
            FROM {from} WHERE hostid IS NOT NULL AND {shard.SqlCondition}
            """;
    }

    private sealed class HostClock
    {
        public int HostId { get; set; }
        public DateTime? Newest { get; set; }
    }
}
