namespace Luarm.Cli.Configuration;

/// <summary>The settings in luarm.yaml. Later sections (rules, schedule, sinks) join this one.</summary>
public sealed class LuarmConfig
{
    public StoreSettings Store { get; set; } = new();
}

public sealed class StoreSettings
{
    /// <summary>
    /// A SQLite file (a path or <c>Data Source=...</c>) or a MariaDB connection
    /// string (<c>Server=...;Database=...;User ID=...;Password=...</c>).
    /// Empty means the embedded default, <see cref="DefaultPaths.SqliteStore"/>.
    /// </summary>
    public string Connection { get; set; } = "";
}
