using Luarm.Engine.Sinks.Console;
using Luarm.Engine.Sinks.Email;
using Luarm.Engine.Sinks.JsonLines;
using Luarm.Engine.Sinks.Syslog;

namespace Luarm.Engine.Sinks;

/// <summary>The <c>sinks</c> section of luarm.yaml: a channel is on when its section is present.</summary>
public sealed class SinksOptions
{
    public EmailSinkOptions? Email { get; set; }

    public SyslogSinkOptions? Syslog { get; set; }

    public ConsoleSinkOptions? Console { get; set; }

    public JsonLinesSinkOptions? JsonLines { get; set; }
}
