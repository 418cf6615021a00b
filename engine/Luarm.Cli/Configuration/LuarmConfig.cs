using Luarm.Engine.Delivery;
using Luarm.Engine.Evaluation;
using Luarm.Engine.Sinks;

namespace Luarm.Cli.Configuration;

/// <summary>The settings in luarm.yaml, one section per part of the product.</summary>
public sealed class LuarmConfig
{
    public StoreSettings Store { get; set; } = new();

    /// <summary>Collectors, sources, watched paths, spool and limits of <c>luarm agent</c>; its flags override them.</summary>
    public AgentSettings Agent { get; set; } = new();

    /// <summary>Rules, schedule and sessions of <c>luarm engine</c>.</summary>
    public EngineOptions Engine { get; set; } = new();

    /// <summary>Where alerts go: email, syslog, console, JSON Lines.</summary>
    public SinksOptions Sinks { get; set; } = new();

    /// <summary>Retries of alert delivery.</summary>
    public OutboxOptions Outbox { get; set; } = new();
}

public sealed class StoreSettings
{
    /// <summary>
    /// A SQLite file (a path or <c>Data Source=...</c>) or a MariaDB connection
    /// string (<c>Server=...;Database=...;User ID=...;Password=...</c>).
    /// Empty means the embedded default, <see cref="DefaultPaths.SqliteStore"/>.
    /// </summary>
    public string Connection { get; set; } = "";

    /// <summary>An environment variable holding the MariaDB password (see <see cref="StorePassword"/>).</summary>
    public string? PasswordEnv { get; set; }

    /// <summary>A file holding the MariaDB password, e.g. one only root can read (see <see cref="StorePassword"/>).</summary>
    public string? PasswordFile { get; set; }
}
