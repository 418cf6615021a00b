namespace Luarm.Engine.Sinks.Console;

/// <summary>The <c>sinks.console</c> section: alerts as readable text on standard output.</summary>
public sealed class ConsoleSinkOptions
{
    public string MinSeverity { get; set; } = "info";

    /// <summary>The longest a value from the store (a command line, a file name) is shown; longer ones are cut with a marker.</summary>
    public int MaxValueChars { get; set; } = Alerts.AlertText.DefaultMaxValueChars;
}
