using System.Data.Common;
using Dapper;
using Luarm.Store.Access;

namespace Luarm.Store.Alerts;

/// <summary>
/// The suppression windows of stored alerts (<c>alertwindows</c>): written with the
/// alerts that open them, read back by an engine that rebuilds its sessions, so hits
/// after a restart still fold into the alert they belong to.
/// </summary>
public sealed class AlertWindows(FactStore store)
{
    /// <summary>Stores the windows of newly added alerts, in the caller's transaction, <paramref name="rowsPerStatement"/> at a time.</summary>
    public Task AddAsync(
        DbConnection connection, DbTransaction transaction, IEnumerable<(long AlertId, NewAlert Alert)> added, int rowsPerStatement, CancellationToken cancel) =>
        BatchStatement.InsertAsync(connection, transaction, "alertwindows (alertid, hostid, suppresskey, suppressuntil)",
            added.Where(a => a.Alert.Window is not null).Select(a => new object[]
            {
                a.AlertId, a.Alert.HostId, a.Alert.Window!.SuppressionKey, store.ToParameter(a.Alert.Window.Until),
            }),
            rowsPerStatement, cancel);

    /// <param name="hostCondition">An SQL condition on <c>hostid</c>: the hosts of the caller's shard.</param>
    /// <param name="since">Windows that ended before this are left out.</param>
    public Task<IReadOnlyList<OpenAlertWindow>> OpenAsync(string hostCondition, DateTime since, CancellationToken cancel = default) =>
        store.RunAsync<IReadOnlyList<OpenAlertWindow>>(async connection => (await connection.QueryAsync<OpenAlertWindow>(new CommandDefinition(
            $"""
            SELECT a.alertkey AS AlertKey, a.ruleid AS RuleId, a.hostid AS HostId, a.firstseen AS FirstSeen, a.lastseen AS LastSeen,
                   a.hitcount AS HitCount, a.message AS Message, w.suppresskey AS SuppressKey, w.suppressuntil AS SuppressUntil
            FROM (SELECT * FROM alertwindows WHERE suppressuntil >= @since AND {hostCondition}) AS w
            JOIN alerts AS a ON a.alertid = w.alertid
            ORDER BY w.suppressuntil, a.alertid
            """,
            new { since = store.ToParameter(since) }, cancellationToken: cancel))).AsList(), cancel);
}
