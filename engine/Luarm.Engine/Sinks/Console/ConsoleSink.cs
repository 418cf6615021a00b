using Luarm.Engine.Alerts;
using Luarm.Engine.Configuration;
using Luarm.Engine.Delivery;

namespace Luarm.Engine.Sinks.Console;

/// <summary>Writes each alert as the mail body would read, for someone watching <c>luarm engine</c> in a terminal or journal.</summary>
public sealed class ConsoleSink : IAlertSink
{
    private readonly TextWriter _output;
    private readonly AlertText _text;

    private ConsoleSink(TextWriter output, AlertText text, ChannelFilter filter)
    {
        _output = output;
        _text = text;
        Filter = filter;
    }

    public string Channel => "console";

    public ChannelFilter Filter { get; }

    /// <param name="output">Standard output unless a test or host gives another writer.</param>
    internal static ConsoleSink? Create(ConsoleSinkOptions options, SettingErrors errors, TextWriter output)
    {
        var before = errors.Problems.Count;
        var minSeverity = errors.Severity(nameof(options.MinSeverity), options.MinSeverity);
        errors.Range(nameof(options.MaxValueChars), options.MaxValueChars, AlertText.MinValueChars, AlertText.MaxValueCharsLimit);
        return errors.Problems.Count > before ? null : new ConsoleSink(output, new AlertText(options.MaxValueChars), new ChannelFilter(minSeverity, []));
    }

    public async Task DeliverAsync(IReadOnlyList<AlertReport> alerts, AlertsDelivered delivered, CancellationToken cancel)
    {
        foreach (var alert in alerts)
        {
            await _output.WriteLineAsync($"{_text.Headline(alert)}{Environment.NewLine}{Environment.NewLine}{_text.Body(alert)}".AsMemory(), cancel);
            await _output.FlushAsync(cancel);
            await delivered([alert], cancel);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
