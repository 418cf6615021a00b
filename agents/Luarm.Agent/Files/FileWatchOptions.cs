namespace Luarm.Agent.Files;

public sealed class FileWatchOptions
{
    /// <summary>
    /// Directories whose files (at any depth) are recorded. By default what an
    /// insider changes or reads to misuse a host: configuration and credentials
    /// (/etc), home folders with their ssh keys and shell histories, cron jobs and
    /// locally installed programs. Not /tmp: every program's scratch files (a
    /// database's temp tables, build trees) would bury those rows (agents/README.md).
    /// </summary>
    public IReadOnlyList<string> WatchPaths { get; init; } = ["/etc", "/root", "/home", "/var/spool/cron", "/usr/local/bin", "/usr/local/sbin"];

    /// <summary>
    /// Directories never recorded even inside a watched one; the agent adds its
    /// own spool and store here, so that its writes never feed back into its input.
    /// </summary>
    public IReadOnlyList<string> ExcludedPaths { get; init; } = [];
}
