using Luarm.Engine.Evaluation;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Luarm.Engine.Hosting;

/// <summary>
/// Reloads the rule set when a rule file changes. Editors write in bursts, so a
/// change is acted on once things have been quiet for a moment.
/// </summary>
internal sealed class RuleFileWatcher(ActiveRuleSet rules, ILogger<RuleFileWatcher> logger) : BackgroundService
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var changed = new SemaphoreSlim(0);
        var watchers = rules.Paths.Select(path => Watch(path, () => changed.Release())).OfType<FileSystemWatcher>().ToArray();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await changed.WaitAsync(stoppingToken);
                while (await changed.WaitAsync(Quiet, stoppingToken))
                {
                    // Swallow the rest of the burst.
                }
                logger.LogInformation("rule files changed; reloading");
                rules.TryReload();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var watcher in watchers)
            {
                watcher.Dispose();
            }
        }
    }

    private FileSystemWatcher? Watch(string path, Action onChange)
    {
        var folder = Directory.Exists(path) ? path : Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is null || !Directory.Exists(folder))
        {
            logger.LogWarning("cannot watch {Path} for rule changes: no such folder", path);
            return null;
        }
        var watcher = new FileSystemWatcher(folder)
        {
            IncludeSubdirectories = Directory.Exists(path),
            Filter = Directory.Exists(path) ? "*.*" : Path.GetFileName(path),
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        FileSystemEventHandler handler = (_, _) => onChange();
        watcher.Changed += handler;
        watcher.Created += handler;
        watcher.Deleted += handler;
        watcher.Renamed += (_, _) => onChange();
        watcher.EnableRaisingEvents = true;
        return watcher;
    }
}
