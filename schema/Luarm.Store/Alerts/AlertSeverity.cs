namespace Luarm.Store.Alerts;

/// <summary>Alert severities, lowest first; stored as their lowercase names.</summary>
public enum AlertSeverity
{
    Info,
    Low,
    Medium,
    High,
    Critical,
}

public static class AlertSeverities
{
    public static string Name(this AlertSeverity severity) => severity.ToString().ToLowerInvariant();

    public static bool TryParse(string text, out AlertSeverity severity) =>
        Enum.TryParse(text, ignoreCase: true, out severity) && Enum.IsDefined(severity);

    /// <summary>The stored names at or above <paramref name="minimum"/>.</summary>
    public static IReadOnlyList<string> AtLeast(AlertSeverity minimum) =>
        Enum.GetValues<AlertSeverity>().Where(s => s >= minimum).Select(Name).ToArray();
}
