namespace Luarm.Engine.Sinks.Console;

/// <summary>The <c>sinks.console</c> section: alerts as readable text on standard output.</summary>
public sealed class ConsoleSinkOptions
{
    public string MinSeverity { get; set; } = "info";
}
