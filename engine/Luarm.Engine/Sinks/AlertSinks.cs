using Luarm.Engine.Configuration;
using Luarm.Engine.Delivery;
using Luarm.Engine.Sinks.Console;
using Luarm.Engine.Sinks.Email;
using Luarm.Engine.Sinks.JsonLines;
using Luarm.Engine.Sinks.Syslog;

namespace Luarm.Engine.Sinks;

/// <summary>Builds the configured sinks at start, checking every setting first.</summary>
public static class AlertSinks
{
    /// <param name="console">Where the console sink writes; standard output by default.</param>
    /// <exception cref="SinkConfigException">listing every problem of every section, each under its setting's name (<c>sinks.email.port: must be 1-65535</c>).</exception>
    public static IReadOnlyList<IAlertSink> Create(SinksOptions options, TimeProvider? time = null, TextWriter? console = null)
    {
        var errors = new SettingErrors("sinks");
        var sinks = new List<IAlertSink?>();
        if (options.Email is { } email)
        {
            sinks.AddRange(EmailSink.Create(email, errors.Child(nameof(options.Email)), time ?? TimeProvider.System));
        }
        if (options.Syslog is { } syslog)
        {
            sinks.Add(SyslogSink.Create(syslog, errors.Child(nameof(options.Syslog))));
        }
        if (options.Console is { } consoleOptions)
        {
            sinks.Add(ConsoleSink.Create(consoleOptions, errors.Child(nameof(options.Console)), console ?? System.Console.Out));
        }
        if (options.JsonLines is { } jsonLines)
        {
            sinks.Add(JsonLinesSink.Create(jsonLines, errors.Child(nameof(options.JsonLines))));
        }
        errors.ThrowIfAny();
        return sinks.OfType<IAlertSink>().ToArray();
    }
}
