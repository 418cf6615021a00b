using Luarm.Agent.Endpoints;
using Luarm.Agent.Enrichment;
using Luarm.Agent.Files;
using Luarm.Agent.Pipeline;

namespace Luarm.Agent;

public sealed class AgentOptions
{
    /// <summary>Which collectors run, by name (see <see cref="AgentCollectors.Names"/>).</summary>
    public IReadOnlyCollection<string> Collectors { get; init; } = AgentCollectors.Names;

    /// <summary>
    /// Where process, network and file facts come from: <c>audit</c> (the kernel's
    /// audit netlink), <c>classic</c> (proc connector, sock_diag, fanotify), or
    /// <c>auto</c> (audit when the kernel allows it, else classic).
    /// </summary>
    public string Source { get; init; } = "auto";

    public EndpointOptions Endpoints { get; init; } = new();

    public FileWatchOptions Files { get; init; } = new();

    /// <summary>How often the inventory (host, users, groups) is read again; interfaces and routes are also read at each kernel announcement.</summary>
    public TimeSpan InventoryPollInterval { get; init; } = TimeSpan.FromSeconds(5);

    public UploadOptions Upload { get; init; } = new();

    /// <summary>Reverse DNS and executable hashes added to rows before they are queued.</summary>
    public EnrichOptions Enrich { get; init; } = new();

    /// <summary>Rows held in memory between collectors and uploader before collectors wait.</summary>
    public int QueueCapacity { get; init; } = 100_000;

    /// <summary>At shutdown, how long the uploader may still talk to the store before the rest is spooled.</summary>
    public TimeSpan ShutdownGrace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// When rows wait and nothing is stored or spooled for this long, the agent
    /// logs an error and fails, so its service manager restarts it (the spool is kept).
    /// Longer than the store's command timeout and the upload backoff's ceiling.
    /// </summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromMinutes(5);
}
