using System.Text.Json;
using Luarm.Engine.Alerts;
using Luarm.Engine.Configuration;
using Luarm.Engine.Delivery;

namespace Luarm.Engine.Sinks.JsonLines;

/// <summary>
/// Appends each delivery's alerts to a file, one JSON object per line, and confirms them
/// once they are on disk. Alerts name users, hosts and command lines, so what the sink
/// creates only its own user reads: the file 0600, a missing folder 0700.
/// </summary>
public sealed class JsonLinesSink : IAlertSink
{
    private const UnixFileMode FileMode600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode FolderMode700 = FileMode600 | UnixFileMode.UserExecute;
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
        if (Directory.Exists(options.Path))
        {
            errors.Add(nameof(options.Path), $"{options.Path} is a folder; name the file alerts are appended to");
        }
        return errors.Problems.Count > before ? null : new JsonLinesSink(options.Path, new ChannelFilter(minSeverity, []));
    }

    public async Task DeliverAsync(IReadOnlyList<AlertReport> alerts, AlertsDelivered delivered, CancellationToken cancel)
    {
        await using (var file = OpenForAppend(_path))
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

    private static FileStream OpenForAppend(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("the engine runs on Linux");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!, FolderMode700);
        return new FileStream(path, new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read, UnixCreateMode = FileMode600 });
    }
}
