using Luarm.Agent;
using Luarm.Agent.Endpoints;
using Luarm.Agent.Files;
using Luarm.Agent.Pipeline;

namespace Luarm.Cli.Configuration;

/// <summary>
/// The <c>agent:</c> section of luarm.yaml. Each setter checks its value, so a
/// bad one is reported at its line and column while the file is read (and a
/// flag that overrides it is checked the same way).
/// </summary>
public sealed class AgentSettings
{
    public static IReadOnlyList<string> Sources { get; } = ["auto", "audit", "classic"];

    public List<string> Collectors
    {
        get;
        set
        {
            List<string> names = [.. Given(value).Select(name => AgentCollectors.Names.Contains(name) ? name : throw new InvalidSettingException($"no collector named {name}; choose from {string.Join(", ", AgentCollectors.Names)}"))];
            field = names.Count > 0 ? names : throw new InvalidSettingException($"no collector; choose at least one of {string.Join(", ", AgentCollectors.Names)}");
        }
    } = [.. AgentCollectors.Names];

    public string Source
    {
        get;
        set => field = Sources.Contains(value) ? value : throw new InvalidSettingException($"source {value}: choose from {string.Join(", ", Sources)}");
    } = new AgentOptions().Source;

    /// <summary>Directories whose files are recorded, at any depth (absolute, no symlinks).</summary>
    public List<string> Watch { get; set => field = Absolute(value); } = [.. new FileWatchOptions().WatchPaths];

    public List<string> Exclude { get; set => field = Absolute(value); } = [];

    public int PollIntervalMs { get; set => field = Positive(value); } = (int)new EndpointOptions().PollInterval.TotalMilliseconds;

    public int InventoryPollSeconds { get; set => field = Positive(value); } = (int)new AgentOptions().InventoryPollInterval.TotalSeconds;

    public string Spool { get; set => field = AbsolutePath(value); } = new UploadOptions().SpoolDirectory;

    public int SpoolMaxMb { get; set => field = Positive(value); } = (int)(new UploadOptions().SpoolMaxBytes >> 20);

    public int QueueCapacity { get; set => field = Positive(value); } = new AgentOptions().QueueCapacity;

    public int StallTimeoutSeconds { get; set => field = Positive(value); } = (int)new AgentOptions().StallTimeout.TotalSeconds;

    /// <summary>Reverse DNS and executable hashes (<c>agent.enrich:</c>).</summary>
    public EnrichSettings Enrich { get; set => field = value ?? throw new InvalidSettingException("no value; write the settings, or leave enrich out"); } = new();

    public AgentOptions ToOptions() => new()
    {
        Collectors = Collectors,
        Source = Source,
        Endpoints = new EndpointOptions { PollInterval = TimeSpan.FromMilliseconds(PollIntervalMs) },
        Files = new FileWatchOptions { WatchPaths = Watch, ExcludedPaths = Exclude },
        InventoryPollInterval = TimeSpan.FromSeconds(InventoryPollSeconds),
        QueueCapacity = QueueCapacity,
        StallTimeout = TimeSpan.FromSeconds(StallTimeoutSeconds),
        Upload = new UploadOptions { SpoolDirectory = Spool, SpoolMaxBytes = (long)SpoolMaxMb << 20 },
        Enrich = Enrich.ToOptions(),
    };

    /// <summary>YAML's empty value is null: a list must be written, <c>[]</c> for none.</summary>
    private static IEnumerable<string> Given(IEnumerable<string>? values) =>
        values?.Select(value => value ?? throw new InvalidSettingException("an empty entry; remove it")) ?? throw new InvalidSettingException("no value; write a list, [] for none");

    private static int Positive(int value) =>
        value > 0 ? value : throw new InvalidSettingException($"{value}: use a number above 0");

    private static List<string> Absolute(IEnumerable<string>? paths) => [.. Given(paths).Select(AbsolutePath)];

    private static string AbsolutePath(string? path) =>
        path is not null && Path.IsPathFullyQualified(path) ? path : throw new InvalidSettingException($"{path ?? "no value"}: use an absolute path");
}
