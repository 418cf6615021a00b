namespace Luarm.Engine.Sinks.JsonLines;

/// <summary>The <c>sinks.json_lines</c> section: one JSON object per alert and line, for log shippers.</summary>
public sealed class JsonLinesSinkOptions
{
    /// <summary>The file alerts are appended to, created 0600 (a missing folder 0700). Rotate it by renaming: each delivery reopens it.</summary>
    public string Path { get; set; } = "";

    public string MinSeverity { get; set; } = "info";
}
