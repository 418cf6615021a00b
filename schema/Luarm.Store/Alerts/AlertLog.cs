using System.Data.Common;
using Dapper;
using Luarm.Store.Access;

namespace Luarm.Store.Alerts;

/// <summary>
/// Stores alerts with their evidence. <see cref="CommitAsync"/> works inside the
/// caller's transaction (with the watermarks). An alert whose key is already
/// stored is not stored again: only its hit count and last-seen time may grow
/// (suppressed hits), so re-evaluation never duplicates and never counts twice.
/// </summary>
public sealed class AlertLog(FactStore store)
{
    // Rows per statement. On MariaDB each statement is a round trip, so they are large
    // (BatchStatement also keeps their bytes below the packet limit). SQLite runs in process,
    // and Microsoft.Data.Sqlite binds each parameter by a search through the statement's
    // names, so binding grows with the square of a statement's size: small statements are
    // faster there (measured on 4,109 alerts).
    private int AlertsPerStatement => store.Dialect == StoreDialect.MySql ? 200 : 10;
    private int EvidencePerStatement => store.Dialect == StoreDialect.MySql ? 1000 : 50;
    private int KeysPerLookup => store.Dialect == StoreDialect.MySql ? 500 : 50;

    /// <summary>
    /// Stores the alerts not stored yet and returns their new ids in input order;
    /// known ones keep the larger hit count. Works in multi-row statements, with the
    /// outcome of committing the alerts one by one.
    /// </summary>
    public async Task<IReadOnlyList<long>> CommitAsync(
        DbConnection connection, DbTransaction transaction, IEnumerable<NewAlert> alerts, CancellationToken cancel = default)
    {
        var merged = MergeByKey(alerts);
        if (merged.Count == 0)
        {
            return [];
        }
        var stored = await IdsByKeyAsync(connection, transaction, merged.Select(a => a.AlertKey), cancel);
        var known = merged.Where(a => stored.ContainsKey(a.AlertKey)).Select(a => (Id: stored[a.AlertKey], Alert: a)).ToList();
        var fresh = merged.Where(a => !stored.ContainsKey(a.AlertKey)).ToList();
        await RaiseAsync(connection, transaction, known, cancel);
        await BatchStatement.InsertAsync(connection, transaction,
            "alerts (alertkey, ruleid, severity, hostid, firstseen, lastseen, hitcount, message, tags)",
            fresh.Select(a => new object[]
            {
                a.AlertKey, a.RuleId, a.Severity, a.HostId, store.ToParameter(a.FirstSeen), store.ToParameter(a.LastSeen),
                a.HitCount, a.Message, string.Join(',', a.Tags),
            }),
            AlertsPerStatement, cancel);
        // Read back by key: auto-increment ids of a multi-row INSERT need not be consecutive.
        var added = await IdsByKeyAsync(connection, transaction, fresh.Select(a => a.AlertKey), cancel);
        await BatchStatement.InsertAsync(connection, transaction, "alertevidence (alertid, facttable, factid)",
            fresh.SelectMany(a => a.Evidence.Distinct().Select(e => new object[] { added[a.AlertKey], e.FactTable, e.FactId })),
            EvidencePerStatement, cancel);
        await new AlertWindows(store).AddAsync(connection, transaction, fresh.Select(a => (added[a.AlertKey], a)), AlertsPerStatement, cancel);
        return fresh.Select(a => added[a.AlertKey]).ToList();
    }

    /// <summary>
    /// One alert per key, in the order keys first appear: the first occurrence, with the
    /// larger hit count and last-seen of all its occurrences, as one-by-one commits leave it.
    /// </summary>
    private static List<NewAlert> MergeByKey(IEnumerable<NewAlert> alerts)
    {
        var merged = new List<NewAlert>();
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var alert in alerts)
        {
            if (positions.TryGetValue(alert.AlertKey, out var at))
            {
                var first = merged[at];
                merged[at] = first with
                {
                    HitCount = Math.Max(first.HitCount, alert.HitCount),
                    LastSeen = StoreTime.ToUtc(alert.LastSeen) > StoreTime.ToUtc(first.LastSeen) ? alert.LastSeen : first.LastSeen,
                };
            }
            else
            {
                positions.Add(alert.AlertKey, merged.Count);
                merged.Add(alert);
            }
        }
        return merged;
    }

    private async Task<Dictionary<string, long>> IdsByKeyAsync(
        DbConnection connection, DbTransaction transaction, IEnumerable<string> keys, CancellationToken cancel)
    {
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var chunk in keys.Chunk(KeysPerLookup))
        {
            // Dapper expands the array into one parameter per key.
            var rows = await connection.QueryAsync<(string AlertKey, long AlertId)>(new CommandDefinition(
                "SELECT alertkey, alertid FROM alerts WHERE alertkey IN @chunk", new { chunk }, transaction, cancellationToken: cancel));
            foreach (var (key, id) in rows)
            {
                ids[key] = id;
            }
        }
        return ids;
    }

    /// <summary>One UPDATE per chunk of known alerts: each keeps the larger of its stored and its new hit count and last-seen.</summary>
    private async Task RaiseAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<(long Id, NewAlert Alert)> known, CancellationToken cancel)
    {
        foreach (var chunk in known.Chunk(AlertsPerStatement))
        {
            var statement = new BatchStatement();
            var rows = chunk.Select(k => (
                Id: statement.Bind(k.Id),
                Hits: statement.Bind(k.Alert.HitCount),
                Last: statement.Bind(store.ToParameter(k.Alert.LastSeen)))).ToList();
            var sql = $"""
                UPDATE alerts SET
                  hitcount = {Larger}(hitcount, CASE alertid {string.Join(" ", rows.Select(r => $"WHEN {r.Id} THEN {r.Hits}"))} END),
                  lastseen = {Larger}(lastseen, CASE alertid {string.Join(" ", rows.Select(r => $"WHEN {r.Id} THEN {r.Last}"))} END)
                WHERE alertid IN ({string.Join(", ", rows.Select(r => r.Id))})
                """;
            await statement.ExecuteAsync(connection, transaction, sql, cancel);
        }
    }

    private string Larger => store.Dialect == StoreDialect.MySql ? "GREATEST" : "MAX";

    public Task<IReadOnlyList<long>> CommitAsync(IEnumerable<NewAlert> alerts, CancellationToken cancel = default) =>
        store.RunAsync(async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancel);
            var added = await CommitAsync(connection, transaction, alerts, cancel);
            await transaction.CommitAsync(cancel);
            return added;
        }, cancel);

    /// <summary>The newest alerts matching <paramref name="filter"/>, newest first, without evidence.</summary>
    public Task<IReadOnlyList<StoredAlert>> ListAsync(AlertFilter filter, CancellationToken cancel = default)
    {
        var where = new List<string>();
        var arguments = new DynamicParameters();
        if (filter.HostId is { } hostId)
        {
            where.Add("hostid = @hostId");
            arguments.Add("hostId", hostId);
        }
        if (filter.RuleId is { } ruleId)
        {
            where.Add("ruleid = @ruleId");
            arguments.Add("ruleId", ruleId);
        }
        if (filter.MinimumSeverity is { } minimum)
        {
            where.Add("severity IN @severities");
            arguments.Add("severities", AlertSeverities.AtLeast(minimum));
        }
        if (filter.Since is { } since)
        {
            where.Add("lastseen >= @since");
            arguments.Add("since", store.ToParameter(since));
        }
        if (filter.Until is { } until)
        {
            where.Add("firstseen < @until");
            arguments.Add("until", store.ToParameter(until));
        }
        arguments.Add("limit", filter.Limit);
        var sql = "SELECT * FROM alerts" + (where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where)) +
            " ORDER BY lastseen DESC, alertid DESC LIMIT @limit";
        return store.RunAsync<IReadOnlyList<StoredAlert>>(async connection =>
            (await connection.QueryAsync<StoredAlert>(new CommandDefinition(sql, arguments, cancellationToken: cancel))).AsList(), cancel);
    }

    public Task<StoredAlert?> GetAsync(long alertId, CancellationToken cancel = default) =>
        store.RunAsync(async connection =>
        {
            var alert = await connection.QuerySingleOrDefaultAsync<StoredAlert>(new CommandDefinition(
                "SELECT * FROM alerts WHERE alertid = @alertId", new { alertId }, cancellationToken: cancel));
            if (alert is not null)
            {
                alert.Evidence = (await connection.QueryAsync<Evidence>(new CommandDefinition(
                    "SELECT facttable, factid FROM alertevidence WHERE alertid = @alertId ORDER BY facttable, factid",
                    new { alertId }, cancellationToken: cancel))).AsList();
            }
            return alert;
        }, cancel);
}
