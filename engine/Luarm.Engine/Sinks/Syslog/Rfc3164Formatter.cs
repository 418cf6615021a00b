using System.Globalization;
using System.Text;
using Luarm.Engine.Alerts;

namespace Luarm.Engine.Sinks.Syslog;

/// <summary>
/// RFC 3164, for collectors that predate RFC 5424: <c>&lt;PRI&gt;Mmm dd hh:mm:ss HOSTNAME TAG: MSG</c>.
/// There is no structured data, so the alert id and key go into the text; the
/// timestamp, which has no zone, is UTC.
/// </summary>
internal sealed class Rfc3164Formatter(SyslogHeader header) : ISyslogFormatter
{
    public byte[] Format(AlertReport report)
    {
        var alert = report.Alert;
        var time = alert.LastSeen;
        var stamp = string.Create(CultureInfo.InvariantCulture, $"{time:MMM} {time.Day,2} {time:HH:mm:ss}");
        var text = $"<{SyslogPriority.Of(header.Facility, alert.Severity)}>{stamp} {header.Hostname} {header.AppName}: "
            + $"{AlertText.Headline(report)} (alert {alert.AlertId}, key {alert.AlertKey})";
        return Encoding.UTF8.GetBytes(text);
    }
}
