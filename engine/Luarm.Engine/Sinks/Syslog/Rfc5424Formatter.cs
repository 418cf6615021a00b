using System.Globalization;
using System.Text;
using Luarm.Engine.Alerts;

namespace Luarm.Engine.Sinks.Syslog;

/// <summary>
/// RFC 5424: <c>&lt;PRI&gt;1 TIMESTAMP HOSTNAME APP-NAME - alert [SD] BOM MSG</c>. The
/// timestamp is the alert's last evidence time, the structured data carries
/// alert id and key, rule id, severity and the audited host.
/// </summary>
internal sealed class Rfc5424Formatter(SyslogHeader header) : ISyslogFormatter
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    public byte[] Format(AlertReport report)
    {
        var alert = report.Alert;
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<{SyslogPriority.Of(header.Facility, alert.Severity)}>1 ")
            .Append(alert.LastSeen.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture))
            .Append(CultureInfo.InvariantCulture, $" {header.Hostname} {header.AppName} - alert [{header.StructuredDataId}");
        Parameter(text, "alertid", alert.AlertId.ToString(CultureInfo.InvariantCulture));
        Parameter(text, "alertkey", alert.AlertKey);
        Parameter(text, "ruleid", alert.RuleId);
        Parameter(text, "severity", alert.Severity);
        Parameter(text, "hostid", alert.HostId.ToString(CultureInfo.InvariantCulture));
        Parameter(text, "host", report.HostName);
        text.Append("] ");
        // RFC 5424 6.4: a UTF-8 MSG starts with the byte order mark.
        return [.. Encoding.UTF8.GetBytes(text.ToString()), .. Bom, .. Encoding.UTF8.GetBytes(AlertText.Headline(report))];
    }

    /// <summary>A PARAM-VALUE is UTF-8 with '"', '\' and ']' escaped by a backslash (RFC 5424 6.3.3).</summary>
    private static void Parameter(StringBuilder text, string name, string value)
    {
        text.Append(' ').Append(name).Append("=\"");
        foreach (var c in value)
        {
            if (c is '"' or '\\' or ']')
            {
                text.Append('\\');
            }
            text.Append(c);
        }
        text.Append('"');
    }
}
