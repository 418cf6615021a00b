namespace Luarm.Engine.Evaluation;

/// <summary>
/// The <c>engine.cluster:</c> section of luarm.yaml. Used with a MariaDB store,
/// where engines keep their schedule in the store's QRTZ_ tables; a SQLite store
/// has one engine and schedules in memory.
/// </summary>
public sealed class EngineClusterOptions
{
    /// <summary>Engines with the same name on the same store form one cluster and share its shards.</summary>
    public string InstanceName { get; set; } = "luarm";

    /// <summary>
    /// How often a node records that it is alive. A node silent for two
    /// intervals is taken for dead and its shards go to the others.
    /// </summary>
    public double CheckInSeconds { get; set; } = 5;
}
