using System.Globalization;
using System.Text;
using Luarm.Engine.Alerts;

namespace Luarm.Engine.Sinks.Syslog;

/// <summary>
/// RFC 3164, for collectors that predate RFC 5424: <c>&lt;PRI&gt;Mmm dd hh:mm:ss HOSTNAME TAG: MSG</c>.
/// There is no structured data, so the alert id and key go into the text, after a
/// headline cut to fit <paramref name="maxBytes"/>; the timestamp, which has no zone, is UTC.
/// </summary>
internal sealed class Rfc3164Formatter(SyslogHeader header, int maxBytes) : ISyslogFormatter
{
    private readonly AlertText _text = new(maxBytes);

    public byte[] Format(AlertReport report)
    {
        var alert = report.Alert;
        var time = alert.LastSeen;
        var stamp = string.Create(CultureInfo.InvariantCulture, $"{time:MMM} {time.Day,2} {time:HH:mm:ss}");
        var head = $"<{SyslogPriority.Of(header.Facility, alert.Severity)}>{stamp} {header.Hostname} {header.AppName}: ";
        return SyslogRecord.Fit(Encoding.UTF8.GetBytes(head), _text.Headline(report), $" (alert {alert.AlertId}, key {FactText.OneLine(alert.AlertKey, 128)})", maxBytes);
    }
}
