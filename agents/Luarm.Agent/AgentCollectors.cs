using Luarm.Agent.Devices;
using Luarm.Agent.Endpoints;
using Luarm.Agent.Files;
using Luarm.Agent.Host;
using Luarm.Agent.Logins;
using Luarm.Agent.Pipeline;
using Luarm.Agent.Processes;
using Luarm.Store.Access;
using Microsoft.Extensions.Logging;

namespace Luarm.Agent;

/// <summary>Builds the collectors an agent runs, by name.</summary>
public static class AgentCollectors
{
    public static IReadOnlyList<string> Names { get; } = ["process", "endpoint", "file", "device", "login"];

    public static IReadOnlyList<ICollector> Create(AgentOptions options, FactStore store, ILogger logger)
    {
        var unknown = options.Collectors.Except(Names).ToArray();
        if (unknown.Length > 0)
        {
            throw new AgentException($"no collector named {string.Join(", ", unknown)}; choose from {string.Join(", ", Names)}");
        }
        var users = new UserNames();
        return [.. options.Collectors.Distinct().Select(name => name switch
        {
            "process" => (ICollector)new ProcessCollector(users, logger),
            "endpoint" => new EndpointCollector(options.Endpoints, users, logger),
            "file" => new FileCollector(WithoutOwnFiles(options, store), users, logger),
            "device" => new DeviceCollector(logger),
            "login" => new LoginCollector(users, logger),
            _ => throw new System.Diagnostics.UnreachableException(name),
        })];
    }

    /// <summary>The agent's spool and embedded store, and their journals, are never watched: that would be a feedback loop.</summary>
    private static FileWatchOptions WithoutOwnFiles(AgentOptions options, FactStore store)
    {
        string[] storeFiles = store is SqliteStore sqlite ? [sqlite.Path, sqlite.Path + "-wal", sqlite.Path + "-shm", sqlite.Path + "-journal"] : [];
        return new FileWatchOptions
        {
            WatchPaths = options.Files.WatchPaths,
            ExcludedPaths = [.. options.Files.ExcludedPaths, options.Upload.SpoolDirectory, .. storeFiles],
        };
    }
}
