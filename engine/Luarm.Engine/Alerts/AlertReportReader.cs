using System.Data.Common;
using System.Globalization;
using System.Reflection;
using Dapper;
using Luarm.Store.Access;
using Luarm.Store.Alerts;
using Luarm.Store.Vocabulary;

namespace Luarm.Engine.Alerts;

/// <summary>
/// Reads alerts for delivery in a few queries per batch: the alerts, their
/// evidence references, the host names and the evidence rows, table by table.
/// </summary>
public sealed class AlertReportReader(FactStore store)
{
    /// <summary>The alerts of <paramref name="alertIds"/> that exist, in id order.</summary>
    public Task<IReadOnlyList<AlertReport>> ReadAsync(IReadOnlyCollection<long> alertIds, CancellationToken cancel = default) =>
        alertIds.Count == 0
            ? Task.FromResult<IReadOnlyList<AlertReport>>([])
            : store.RunAsync(connection => ReadAsync(connection, alertIds, cancel), cancel);

    private static async Task<IReadOnlyList<AlertReport>> ReadAsync(DbConnection connection, IReadOnlyCollection<long> alertIds, CancellationToken cancel)
    {
        var alerts = (await connection.QueryAsync<StoredAlert>(new CommandDefinition(
            "SELECT * FROM alerts WHERE alertid IN @alertIds ORDER BY alertid", new { alertIds }, cancellationToken: cancel))).AsList();
        var references = (await connection.QueryAsync<(long AlertId, string FactTable, long FactId)>(new CommandDefinition(
            "SELECT alertid, facttable, factid FROM alertevidence WHERE alertid IN @alertIds ORDER BY alertid, facttable, factid",
            new { alertIds }, cancellationToken: cancel))).AsList();
        var hostIds = alerts.Select(a => a.HostId).Distinct().ToArray();
        var hostNames = (await connection.QueryAsync<(int HostId, string HostName)>(new CommandDefinition(
            "SELECT hostid, hostname FROM hosts WHERE hostid IN @hostIds", new { hostIds }, cancellationToken: cancel)))
            .ToDictionary(h => h.HostId, h => h.HostName);
        var rows = await ReadRowsAsync(connection, references.Select(r => new Evidence(r.FactTable, r.FactId)), cancel);

        var evidenceByAlert = references.ToLookup(r => r.AlertId, r =>
        {
            var evidence = new Evidence(r.FactTable, r.FactId);
            return new EvidenceRow(evidence, TableNamed(r.FactTable), rows.GetValueOrDefault(evidence));
        });
        return alerts.Select(alert =>
        {
            alert.Evidence = evidenceByAlert[alert.AlertId].Select(e => e.Reference).ToArray();
            var hostName = hostNames.GetValueOrDefault(alert.HostId) ?? $"hostid {alert.HostId}";
            return new AlertReport(alert, hostName, evidenceByAlert[alert.AlertId].ToArray());
        }).ToArray();
    }

    private static async Task<Dictionary<Evidence, object>> ReadRowsAsync(DbConnection connection, IEnumerable<Evidence> evidence, CancellationToken cancel)
    {
        var rows = new Dictionary<Evidence, object>();
        foreach (var group in evidence.GroupBy(e => e.FactTable))
        {
            if (TableNamed(group.Key) is not { } table)
            {
                continue;
            }
            // The table name comes from the vocabulary, never from the evidence text itself.
            var sql = $"SELECT {table.SelectList} FROM {table.Name} WHERE {table.IdColumn} IN @ids";
            var found = await connection.QueryAsync(table.RowType, new CommandDefinition(
                sql, new { ids = group.Select(e => e.FactId).Distinct().ToArray() }, cancellationToken: cancel));
            var id = table.RowType.GetProperty(table.IdColumn, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)!;
            foreach (var row in found)
            {
                rows[new Evidence(group.Key, Convert.ToInt64(id.GetValue(row), CultureInfo.InvariantCulture))] = row;
            }
        }
        return rows;
    }

    private static FactTable? TableNamed(string name) =>
        FactTables.Appendable.FirstOrDefault(t => t.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}
