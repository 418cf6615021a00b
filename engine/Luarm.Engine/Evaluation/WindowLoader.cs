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

    public async Task<Dictionary<int, List<object>>> LoadAsync(
        IReadOnlyDictionary<string, long> watermarks, TimeSpan retention, CancellationToken cancel)
    {
        var clocks = await HostClocksAsync(watermarks, cancel);
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
        return byHost;
    }

    /// <summary>Each host's newest event time among the rows already evaluated.</summary>
    private async Task<Dictionary<int, DateTime>> HostClocksAsync(IReadOnlyDictionary<string, long> watermarks, CancellationToken cancel)
    {
        var clocks = new Dictionary<int, DateTime>();
        foreach (var table in FactTables.Facts)
        {
            var rows = await store.RunAsync(connection => connection.QueryAsync<HostClock>(new CommandDefinition(HostClocksSql(table),
                new { last = watermarks[table.Name] }, cancellationToken: cancel)), cancel);
            foreach (var row in rows.Where(row => row.Newest is not null))
            {
                var newest = row.Newest!.Value;
                clocks[row.HostId] = clocks.TryGetValue(row.HostId, out var known) && known > newest ? known : newest;
            }
        }
        return clocks;
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
