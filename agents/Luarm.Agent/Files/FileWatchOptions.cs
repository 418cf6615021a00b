namespace Luarm.Agent.Files;

public sealed class FileWatchOptions
{
    /// <summary>Directories whose files (at any depth) are recorded.</summary>
    public IReadOnlyList<string> WatchPaths { get; init; } = ["/etc", "/tmp", "/home", "/root"];

    /// <summary>
    /// Directories never recorded even inside a watched one; the agent adds its
    /// own spool and store here, so that its writes never feed back into its input.
    /// </summary>
    public IReadOnlyList<string> ExcludedPaths { get; init; } = [];
}
