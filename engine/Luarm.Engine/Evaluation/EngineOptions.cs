namespace Luarm.Engine.Evaluation;

/// <summary>The <c>engine:</c> section of luarm.yaml.</summary>
public sealed class EngineOptions
{
    /// <summary>Rule files or folders; later ones may hold <c>*.local.yaml</c> overlays.</summary>
    public List<string> Rules { get; set; } = [];

    /// <summary>How often new rows are evaluated.</summary>
    public double ScheduleSeconds { get; set; } = 2;

    /// <summary>
    /// The name the watermarks are kept under; engines sharing a store need
    /// different names, unless they are nodes of one cluster.
    /// </summary>
    public string Consumer { get; set; } = "engine";

    /// <summary>
    /// Hosts are split into this many shards (<c>hostid % shards</c>), each
    /// evaluated on its own with its own watermarks; clustered nodes share them out.
    /// Every node of a cluster must use the same number.
    /// </summary>
    public int Shards { get; set; } = 8;

    /// <summary>How clustered engines (MariaDB store) find each other and take over a dead node's shards.</summary>
    public EngineClusterOptions Cluster { get; set; } = new();

    /// <summary>At most this many new rows per table in one evaluation.</summary>
    public int BatchSize { get; set; } = 20_000;

    /// <summary>
    /// Facts stay in a session for the rule set's longest window, but at least
    /// this long, so joins without a window still see recent facts.
    /// </summary>
    public double MinimumRetentionSeconds { get; set; } = 300;

    /// <summary>
    /// MariaDB hands out row ids when a transaction inserts, not when it commits,
    /// so a row may become visible after rows with higher ids. A run reads only up
    /// to the newest id it saw this long ago, so an append transaction that commits
    /// within it is never skipped; a catch-up over many reads pauses once, as ids seen
    /// that long ago need no pause. (SQLite commits in id order: not used there.)
    /// </summary>
    public double SettleSeconds { get; set; } = 0.5;

    /// <summary>Rows stamped further than this in the future (a host's broken clock) are skipped.</summary>
    public double FutureToleranceSeconds { get; set; } = 300;
}
