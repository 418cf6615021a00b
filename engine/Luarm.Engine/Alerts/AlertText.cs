using System.Globalization;
using System.Text;
using Luarm.Store.Facts;

namespace Luarm.Engine.Alerts;

/// <summary>
/// The human-readable form of an alert, shared by the mail body and the console:
/// what happened, on which host, by whom, the evidence, and what to do next.
/// Every value from the store goes through <see cref="FactText"/>: one line,
/// invisible characters escaped, cut at <paramref name="maxValueChars"/>, so fact
/// text can neither start a line of its own nor bury the rest of the alert.
/// </summary>
/// <param name="maxValueChars">The longest a single value is shown, cut marker included.</param>
public sealed class AlertText(int maxValueChars)
{
    /// <summary>Evidence rows listed in full; a count rule can match hundreds, the examiner queries find the rest.</summary>
    public const int EvidenceShown = 20;

    /// <summary>How long a value is shown unless a sink's <c>max_value_chars</c> says otherwise.</summary>
    public const int DefaultMaxValueChars = 1024;

    /// <summary>The fewest characters <c>max_value_chars</c> may be: room for a cut marker and some text.</summary>
    public const int MinValueChars = 64;

    /// <summary>The most <c>max_value_chars</c> may be: a reader wants a cut long before.</summary>
    public const int MaxValueCharsLimit = 1 << 20;

    /// <summary>One line: <c>[critical] LUARM-IRC-001 on web1: nobody ran ...</c>.</summary>
    public string Headline(AlertReport report) =>
        $"[{Value(report.Alert.Severity)}] {Value(report.Alert.RuleId)} on {Value(report.HostName)}: {Value(report.Alert.Message)}";

    public string Body(AlertReport report)
    {
        var alert = report.Alert;
        var text = new StringBuilder();
        text.AppendLine(Value(alert.Message)).AppendLine();
        Field(text, "Rule", report.Tags.Count == 0
            ? $"{Value(alert.RuleId)} ({Value(alert.Severity)})"
            : $"{Value(alert.RuleId)} ({Value(alert.Severity)}; {string.Join(", ", report.Tags.Select(Value))})");
        Field(text, "Host", $"{Value(report.HostName)} (hostid {alert.HostId})");
        if (UserOf(report) is { } user)
        {
            Field(text, "User", user);
        }
        Rows(text, "Process", report.RowsOf<ProcessFact>(), p =>
            $"pid {p.Pid}, parent {p.Ppid}: {Value(p.Command)} {Value(p.Arguments)}".TrimEnd() + (p.Cwd is null ? "" : $" (cwd {Value(p.Cwd)})") + $", started {Time(p.Created)}");
        Rows(text, "Connection", report.RowsOf<EndpointFact>(), e =>
            $"{Value(e.Transport)} {Value(e.SourceIp)}:{e.SourcePort} -> {Value(e.DestIp)}:{e.DestPort}" + (e.DestFqdn is null ? "" : $" ({Value(e.DestFqdn)})")
            + $" by {Value(e.Application)} (pid {e.Pid}) at {Time(e.Created)}");
        Rows(text, "File", report.RowsOf<FileFact>(), f => $"{Value(f.AccessType)} {Value(f.Filename)} by {Value(f.Command)} (pid {f.Pid}) at {Time(f.Created)}");
        Rows(text, "Device", report.RowsOf<DeviceFact>(), d => $"{Value(d.DevBus)} {Value(d.DevString)} {Value(d.DevVendor)}".TrimEnd() + $" at {Time(d.Created)}");
        Rows(text, "Login", report.RowsOf<LoginFact>(), l =>
            $"{Value(l.Username)} on {Value(l.Tty)}" + (l.RemoteHost is null ? "" : $" from {Value(l.RemoteHost)}") + $" (pid {l.Pid}) at {Time(l.Created)}");
        Field(text, "Seen", $"{Time(alert.FirstSeen)} to {Time(alert.LastSeen)}, {alert.HitCount} hit{(alert.HitCount == 1 ? "" : "s")}");
        Field(text, "Alert", $"{alert.AlertId} (key {Value(alert.AlertKey)})");

        text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Evidence ({report.Evidence.Count} row{(report.Evidence.Count == 1 ? "" : "s")}):");
        foreach (var row in report.Evidence.Take(EvidenceShown))
        {
            var fields = string.Join(' ', row.Fields.Skip(1).Where(f => f.Value is not null).Select(f => $"{f.Key}={Column(f.Value)}"));
            text.AppendLine(CultureInfo.InvariantCulture, $"  {Value(row.Reference.FactTable)} {row.Reference.FactId}: {(row.Row is null ? "(row no longer in the store)" : fields)}");
        }
        if (report.Evidence.Count > EvidenceShown)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  ... and {report.Evidence.Count - EvidenceShown} more rows");
        }

        text.AppendLine().AppendLine("What to do next:");
        foreach (var step in ExaminerQueries.For(report))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  - {FactText.OneLine(step)}");
        }
        return text.ToString();
    }

    internal static string Time(DateTime time) => time.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private string Value(string? value) => FactText.OneLine(value, maxValueChars);

    private string? UserOf(AlertReport report)
    {
        var (name, uid) = report.RowsOf<ProcessFact>().Select(p => (p.Username, p.Uid))
            .Concat(report.RowsOf<EndpointFact>().Select(e => (e.Username, e.Uid)))
            .Concat(report.RowsOf<FileFact>().Select(f => (f.Username, f.Uid)))
            .FirstOrDefault(u => u.Username.Length > 0);
        return name is null ? null : uid is null ? Value(name) : $"{Value(name)} (uid {uid})";
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

    /// <summary>An evidence column as <c>name=value</c> reads: quoted when it holds a space or a quote, so a value cannot pose as further columns.</summary>
    private string Column(object? value) => value switch
    {
        DateTime time => time.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        string text when text.Length == 0 || text.Any(c => char.IsWhiteSpace(c) || c == '"') => $"\"{Value(text.Replace("\"", "\\\"", StringComparison.Ordinal))}\"",
        string text => Value(text),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => Value(value?.ToString()),
    };
}
