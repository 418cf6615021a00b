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
    private readonly SemaphoreSlim _changed = new(0);
    private FileSystemWatcher[] _watchers = [];

    /// <summary>Watches before returning: a change made right after the start is not missed.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _watchers = rules.Paths.Select(Watch).OfType<FileSystemWatcher>().ToArray();
        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }
        _changed.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await _changed.WaitAsync(stoppingToken);
                while (await _changed.WaitAsync(Quiet, stoppingToken))
                {
                    // Swallow the rest of the burst.
                }
                logger.LogInformation("rule files changed; reloading");
                Reload();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// A reload that fails in a way nobody foresaw is one more refused rule set:
    /// the watcher must outlive it, or the engine host would stop.
    /// </summary>
    private void Reload()
    {
        try
        {
            rules.TryReload();
        }
        catch (Exception fault)
        {
            logger.LogError("rule set refused: reloading {Paths} failed ({Fault}: {Message}); the previous rules keep running",
                string.Join(", ", rules.Paths), fault.GetType().Name, fault.Message);
        }
    }

    private FileSystemWatcher? Watch(string path)
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
        FileSystemEventHandler changed = (_, _) => _changed.Release();
        watcher.Changed += changed;
        watcher.Created += changed;
        watcher.Deleted += changed;
        watcher.Renamed += (_, _) => _changed.Release();
        watcher.Error += (_, error) => logger.LogWarning("watching {Path} for rule changes failed: {Error}", path, error.GetException().Message);
        watcher.EnableRaisingEvents = true;
        return watcher;
    }
}
