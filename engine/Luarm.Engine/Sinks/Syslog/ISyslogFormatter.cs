using Luarm.Engine.Alerts;

namespace Luarm.Engine.Sinks.Syslog;

/// <summary>Turns an alert into one syslog message, the same bytes every time, so a message sent again is recognisable.</summary>
internal interface ISyslogFormatter
{
    byte[] Format(AlertReport report);
}
