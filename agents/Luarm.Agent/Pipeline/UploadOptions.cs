namespace Luarm.Agent.Pipeline;

public sealed class UploadOptions
{
    /// <summary>A batch is sent when it has this many rows ...</summary>
    public int BatchRows { get; init; } = 5000;

    /// <summary>... or when its first row has waited this long.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>After the store failed, batches go straight to the spool for this long before the store is tried again.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    public string SpoolDirectory { get; init; } = "/var/spool/luarm";

    public long SpoolMaxBytes { get; init; } = 256L << 20;

    /// <summary>The name the host registers under on the embedded store.</summary>
    public string Hostname { get; init; } = Environment.MachineName;
}
