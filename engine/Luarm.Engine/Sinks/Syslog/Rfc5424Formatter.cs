using System.Globalization;
using System.Text;
using Luarm.Engine.Alerts;

namespace Luarm.Engine.Sinks.Syslog;

/// <summary>
/// RFC 5424: <c>&lt;PRI&gt;1 TIMESTAMP HOSTNAME APP-NAME - alert [SD] BOM MSG</c>. The
/// timestamp is the alert's last evidence time, the structured data carries
/// alert id and key, rule id, severity and the audited host. The header fields
/// come from the sink's settings, never from facts; fact text is escaped by
/// <see cref="FactText"/> in the structured data and in MSG, which is cut so the
/// record fits <paramref name="maxBytes"/>.
/// </summary>
internal sealed class Rfc5424Formatter(SyslogHeader header, int maxBytes) : ISyslogFormatter
{
    /// <summary>A PARAM-VALUE is shown at most this long, so the header and structured data always leave room for MSG.</summary>
    internal const int ParameterChars = 128;

    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];
    private readonly AlertText _text = new(maxBytes);

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
        return SyslogRecord.Fit([.. Encoding.UTF8.GetBytes(text.ToString()), .. Bom], _text.Headline(report), "", maxBytes);
    }

    /// <summary>A PARAM-VALUE is UTF-8 with '"', '\' and ']' escaped by a backslash (RFC 5424 6.3.3).</summary>
    private static void Parameter(StringBuilder text, string name, string value)
    {
        text.Append(' ').Append(name).Append("=\"");
        foreach (var c in FactText.OneLine(value, ParameterChars))
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
