using Luarm.Store.Access;
using Luarm.Store.Facts;

namespace Luarm.Engine.Alerts;

/// <summary>
/// The "what to do next" of an alert: SQL an examiner pastes into the store's
/// console to see the evidence and pivot from it (the LUARM way of working),
/// then the decision to take. The SQL runs on both dialects.
/// </summary>
public static class ExaminerQueries
{
    private const int MaxPivotChars = 256;

    public static IReadOnlyList<string> For(AlertReport report)
    {
        var alert = report.Alert;
        var steps = new List<string>();
        foreach (var table in report.Evidence.Select(e => e.Reference.FactTable).Distinct())
        {
            var id = report.Evidence.First(e => e.Reference.FactTable == table).Table?.IdColumn;
            if (id is not null)
            {
                steps.Add($"See the {table} evidence: SELECT f.* FROM {table} f JOIN alertevidence e ON e.facttable = '{table}' AND e.factid = f.{id} WHERE e.alertid = {alert.AlertId};");
            }
        }
        var process = report.RowsOf<ProcessFact>().FirstOrDefault();
        var pid = process?.Pid ?? report.RowsOf<EndpointFact>().FirstOrDefault()?.Pid;
        if (pid is not null)
        {
            var since = process is null ? "" : $" AND created >= '{StoreTime.ToText(process.Created)}'";
            steps.Add($"See what pid {pid} did: SELECT created, transport, destip, destport, destfqdn, application FROM netinfo WHERE hostid = {alert.HostId} AND pid = {pid}{since} ORDER BY created;"
                + $" SELECT created, accesstype, filename FROM fileinfo WHERE hostid = {alert.HostId} AND pid = {pid}{since} ORDER BY created;");
        }
        var user = report.RowsOf<ProcessFact>().Select(p => p.Username)
            .Concat(report.RowsOf<EndpointFact>().Select(e => e.Username))
            .FirstOrDefault(u => u.Length > 0);
        // A name the host made up (escapes, megabytes) gives no query worth pasting; the evidence rows show it.
        if (user is not null && user.Length <= MaxPivotChars && FactText.IsPlain(user))
        {
            steps.Add($"See what {user} ran on {report.HostName}: SELECT created, pid, ppid, command, arguments, cwd FROM psinfo WHERE hostid = {alert.HostId} AND username = '{user.Replace("'", "''", StringComparison.Ordinal)}' ORDER BY created;");
        }
        steps.Add($"If this is expected, add an exception to rule {alert.RuleId}; if not, contain {report.HostName}, keep these rows and escalate with alert {alert.AlertId}.");
        return steps;
    }
}
