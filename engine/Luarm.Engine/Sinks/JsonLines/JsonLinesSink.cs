using System.Text.Json;
using Luarm.Engine.Alerts;
using Luarm.Engine.Configuration;
using Luarm.Engine.Delivery;

namespace Luarm.Engine.Sinks.JsonLines;

/// <summary>Appends each delivery's alerts to a file, one JSON object per line, and confirms them once they are on disk.</summary>
public sealed class JsonLinesSink : IAlertSink
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly string _path;

    private JsonLinesSink(string path, ChannelFilter filter)
    {
        _path = path;
        Filter = filter;
    }

    public string Channel => "json_lines";

    public ChannelFilter Filter { get; }

    internal static JsonLinesSink? Create(JsonLinesSinkOptions options, SettingErrors errors)
    {
        var before = errors.Problems.Count;
        errors.Require(nameof(options.Path), options.Path);
        var minSeverity = errors.Severity(nameof(options.MinSeverity), options.MinSeverity);
        if (!string.IsNullOrWhiteSpace(options.Path) && Path.GetDirectoryName(Path.GetFullPath(options.Path)) is { } folder && !Directory.Exists(folder))
        {
            errors.Add(nameof(options.Path), $"folder {folder} does not exist");
        }
        return errors.Problems.Count > before ? null : new JsonLinesSink(options.Path, new ChannelFilter(minSeverity, []));
    }

    public async Task DeliverAsync(IReadOnlyList<AlertReport> alerts, AlertsDelivered delivered, CancellationToken cancel)
    {
        await using (var file = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read))
        {
            foreach (var alert in alerts)
            {
                await using (var json = new Utf8JsonWriter(file))
                {
                    AlertJson.Write(json, alert);
                }
                await file.WriteAsync(NewLine, cancel);
            }
            // On disk before confirmed: a crash after this line cannot lose them.
            file.Flush(flushToDisk: true);
        }
        await delivered(alerts, cancel);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
