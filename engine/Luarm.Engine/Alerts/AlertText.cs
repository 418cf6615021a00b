using System.Globalization;
using System.Text;
using Luarm.Store.Facts;

namespace Luarm.Engine.Alerts;

/// <summary>
/// The human-readable form of an alert, shared by the mail body and the console:
/// what happened, on which host, by whom, the evidence, and what to do next.
/// </summary>
public static class AlertText
{
    /// <summary>Evidence rows listed in full; a count rule can match hundreds, the examiner queries find the rest.</summary>
    public const int EvidenceShown = 20;

    /// <summary>One line: <c>[critical] LUARM-IRC-001 on web1: nobody ran ...</c>.</summary>
    public static string Headline(AlertReport report) =>
        Printable($"[{report.Alert.Severity}] {report.Alert.RuleId} on {report.HostName}: {report.Alert.Message}".ReplaceLineEndings(" "));

    public static string Body(AlertReport report)
    {
        var alert = report.Alert;
        var text = new StringBuilder();
        text.AppendLine(alert.Message).AppendLine();
        Field(text, "Rule", report.Tags.Count == 0
            ? $"{alert.RuleId} ({alert.Severity})"
            : $"{alert.RuleId} ({alert.Severity}; {string.Join(", ", report.Tags)})");
        Field(text, "Host", $"{report.HostName} (hostid {alert.HostId})");
        if (UserOf(report) is { } user)
        {
            Field(text, "User", user);
        }
        Rows(text, "Process", report.RowsOf<ProcessFact>(), p =>
            $"pid {p.Pid}, parent {p.Ppid}: {p.Command} {p.Arguments}".TrimEnd() + (p.Cwd is null ? "" : $" (cwd {p.Cwd})") + $", started {Time(p.Created)}");
        Rows(text, "Connection", report.RowsOf<EndpointFact>(), e =>
            $"{e.Transport} {e.SourceIp}:{e.SourcePort} -> {e.DestIp}:{e.DestPort}" + (e.DestFqdn is null ? "" : $" ({e.DestFqdn})")
            + $" by {e.Application} (pid {e.Pid}) at {Time(e.Created)}");
        Rows(text, "File", report.RowsOf<FileFact>(), f => $"{f.AccessType} {f.Filename} by {f.Command} (pid {f.Pid}) at {Time(f.Created)}");
        Rows(text, "Device", report.RowsOf<DeviceFact>(), d => $"{d.DevBus} {d.DevString} {d.DevVendor}".TrimEnd() + $" at {Time(d.Created)}");
        Field(text, "Seen", $"{Time(alert.FirstSeen)} to {Time(alert.LastSeen)}, {alert.HitCount} hit{(alert.HitCount == 1 ? "" : "s")}");
        Field(text, "Alert", $"{alert.AlertId} (key {alert.AlertKey})");

        text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Evidence ({report.Evidence.Count} row{(report.Evidence.Count == 1 ? "" : "s")}):");
        foreach (var row in report.Evidence.Take(EvidenceShown))
        {
            var fields = string.Join(' ', row.Fields.Skip(1).Where(f => f.Value is not null).Select(f => $"{f.Key}={Value(f.Value)}"));
            text.AppendLine(CultureInfo.InvariantCulture, $"  {row.Reference.FactTable} {row.Reference.FactId}: {(row.Row is null ? "(row no longer in the store)" : fields)}");
        }
        if (report.Evidence.Count > EvidenceShown)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  ... and {report.Evidence.Count - EvidenceShown} more rows");
        }

        text.AppendLine().AppendLine("What to do next:");
        foreach (var step in ExaminerQueries.For(report))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  - {step}");
        }
        return Printable(text.ToString());
    }

    /// <summary>
    /// Command lines and file names come from the audited host, so an attacker
    /// chooses them: control characters (a terminal's escape sequences) are
    /// shown as U+FFFD instead of reaching a console.
    /// </summary>
    private static string Printable(string text) =>
        string.Create(text.Length, text, (chars, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                chars[i] = char.IsControl(source[i]) && source[i] is not ('\n' or '\t') ? '\uFFFD' : source[i];
            }
        });

    private static string? UserOf(AlertReport report)
    {
        var (name, uid) = report.RowsOf<ProcessFact>().Select(p => (p.Username, p.Uid))
            .Concat(report.RowsOf<EndpointFact>().Select(e => (e.Username, e.Uid)))
            .Concat(report.RowsOf<FileFact>().Select(f => (f.Username, f.Uid)))
            .FirstOrDefault(u => u.Username.Length > 0);
        return name is null ? null : uid is null ? name : $"{name} (uid {uid})";
    }

    /// <summary>The first row of a kind in full, then how many more there are.</summary>
    private static void Rows<T>(StringBuilder text, string label, IEnumerable<T> rows, Func<T, string> describe)
    {
        var all = rows.ToArray();
        if (all.Length == 0)
        {
            return;
        }
        Field(text, label, describe(all[0]));
        if (all.Length > 1)
        {
            Field(text, "", $"and {all.Length - 1} more {label.ToLowerInvariant()} row{(all.Length == 2 ? "" : "s")}");
        }
    }

    private static void Field(StringBuilder text, string label, string value) =>
        text.AppendLine(CultureInfo.InvariantCulture, $"{(label.Length == 0 ? "" : label + ":"),-12}{value}");

    internal static string Time(DateTime time) => time.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string Value(object? value) => value switch
    {
        DateTime time => time.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        string text when text.Length == 0 || text.Any(char.IsWhiteSpace) => $"\"{text}\"",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "",
    };
}
