namespace Luarm.Agent.Pipeline;

public sealed class UploadOptions
{
    /// <summary>A batch is sent when it has this many rows ...</summary>
    public int BatchRows { get; init; } = 5000;

    /// <summary>... or when its first row has waited this long.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// After the store (or the spool) failed, the first wait before it is tried
    /// again; batches meanwhile go to the spool. Each further failure doubles it,
    /// with jitter, up to <see cref="MaxRetryDelay"/>.
    /// </summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(60);

    public string SpoolDirectory { get; init; } = "/var/spool/luarm";

    /// <summary>Bound of the spool folder, rejected/ included.</summary>
    public long SpoolMaxBytes { get; init; } = 256L << 20;

    /// <summary>The name the host registers under on the embedded store.</summary>
    public string Hostname { get; init; } = Environment.MachineName;
}
