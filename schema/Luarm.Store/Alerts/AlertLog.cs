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
    /// <summary>Stores the alerts not stored yet and returns their new ids; known ones keep the larger hit count.</summary>
    public async Task<IReadOnlyList<long>> CommitAsync(
        DbConnection connection, DbTransaction transaction, IEnumerable<NewAlert> alerts, CancellationToken cancel = default)
    {
        var added = new List<long>();
        foreach (var alert in alerts)
        {
            var known = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT alertid FROM alerts WHERE alertkey = @AlertKey", new { alert.AlertKey }, transaction, cancellationToken: cancel));
            if (known is not null)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    $"UPDATE alerts SET hitcount = {Larger}(hitcount, @HitCount), lastseen = {Larger}(lastseen, @LastSeen) WHERE alertid = @known",
                    new { alert.HitCount, LastSeen = store.ToParameter(alert.LastSeen), known }, transaction, cancellationToken: cancel));
                continue;
            }
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO alerts (alertkey, ruleid, severity, hostid, firstseen, lastseen, hitcount, message, tags)
                VALUES (@AlertKey, @RuleId, @Severity, @HostId, @FirstSeen, @LastSeen, @HitCount, @Message, @Tags)
                """,
                new
                {
                    alert.AlertKey,
                    alert.RuleId,
                    alert.Severity,
                    alert.HostId,
                    FirstSeen = store.ToParameter(alert.FirstSeen),
                    LastSeen = store.ToParameter(alert.LastSeen),
                    alert.HitCount,
                    alert.Message,
                    Tags = string.Join(',', alert.Tags),
                },
                transaction, cancellationToken: cancel));
            var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT alertid FROM alerts WHERE alertkey = @AlertKey", new { alert.AlertKey }, transaction, cancellationToken: cancel));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO alertevidence (alertid, facttable, factid) VALUES (@id, @FactTable, @FactId)",
                alert.Evidence.Distinct().Select(e => new { id, e.FactTable, e.FactId }), transaction, cancellationToken: cancel));
            added.Add(id);
        }
        return added;
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
