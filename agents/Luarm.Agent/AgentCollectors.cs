using Luarm.Agent.Audit;
using Luarm.Agent.Devices;
using Luarm.Agent.Endpoints;
using Luarm.Agent.Files;
using Luarm.Agent.Host;
using Luarm.Agent.Inventory;
using Luarm.Agent.Logins;
using Luarm.Agent.Pipeline;
using Luarm.Agent.Processes;
using Luarm.Store.Access;
using Microsoft.Extensions.Logging;

namespace Luarm.Agent;

/// <summary>Builds the collectors an agent runs, by name.</summary>
public static class AgentCollectors
{
    /// <summary>The fact collectors, then one per inventory table (named as its table).</summary>
    public static IReadOnlyList<string> Names { get; } = ["process", "endpoint", "file", "device", "login", "hostinfo", "userinfo", "groupinfo", "netint", "netroute"];

    public static IReadOnlyList<ICollector> Create(AgentOptions options, FactStore store, ILogger logger)
    {
        var unknown = options.Collectors.Except(Names).ToArray();
        if (unknown.Length > 0)
        {
            throw new AgentException($"no collector named {string.Join(", ", unknown)}; choose from {string.Join(", ", Names)}");
        }
        var users = new UserNames();
        var audit = UsesAudit(options, logger);
        var files = WithoutOwnFiles(options, store);
        var execs = audit ? new ExecImages() : null;
        return [.. options.Collectors.Distinct().Select(name => name switch
        {
            "process" => (ICollector)new ProcessCollector(users, logger, execs),
            "endpoint" => new EndpointCollector(options.Endpoints, users, logger, auditRecordsSockets: audit),
            "file" when audit => null,
            "file" => new FileCollector(files, users, logger),
            "device" => new DeviceCollector(logger),
            "login" => new LoginCollector(users, logger, laterLoginsFromAudit: audit),
            "hostinfo" => new InventoryCollector<Store.Inventory.HostInventory>(new HostSource(), options.InventoryPollInterval, logger),
            "userinfo" => new InventoryCollector<Store.Inventory.UserAccount>(new PasswdSource(logger), options.InventoryPollInterval, logger),
            "groupinfo" => new InventoryCollector<Store.Inventory.UserGroup>(new GroupSource(logger), options.InventoryPollInterval, logger),
            "netint" => new InventoryCollector<Store.Inventory.NetInterface>(new NetInterfaceSource(), options.InventoryPollInterval, logger),
            "netroute" => new InventoryCollector<Store.Inventory.NetRoute>(new NetRouteSource(), options.InventoryPollInterval, logger),
            _ => throw new System.Diagnostics.UnreachableException(name),
        }).OfType<ICollector>(), .. execs is not null ? [AuditOf(options, files, users, execs, logger)] : Array.Empty<ICollector>()];
    }

    private static AuditCollector AuditOf(AgentOptions options, FileWatchOptions files, UserNames users, ExecImages execs, ILogger logger)
    {
        var kinds = options.Collectors.ToHashSet();
        return new AuditCollector(kinds.Contains("file") ? files : new FileWatchOptions { WatchPaths = [] }, users, logger, kinds, execs);
    }

    /// <summary>Whether the audit netlink is the source of process, endpoint and file facts; says at start which source each kind uses.</summary>
    private static bool UsesAudit(AgentOptions options, ILogger logger)
    {
        var kinds = options.Collectors.Intersect(["process", "endpoint", "file"]).ToArray();
        var logins = options.Collectors.Contains("login");
        var audit = options.Source switch
        {
            "classic" => false,
            "audit" => kinds.Length == 0 || AuditCollector.IsAvailable() ? kinds.Length > 0 : throw new AgentException("--source audit: the kernel audit netlink is not available here (no CAP_AUDIT_CONTROL, or a container)"),
            "auto" => kinds.Length > 0 && AuditCollector.IsAvailable(),
            _ => throw new AgentException($"no source named {options.Source}; choose from auto, audit, classic"),
        };
        foreach (var kind in kinds)
        {
            logger.LogInformation("{Kind} facts from {Source}", kind, (audit, kind) switch
            {
                (false, "process") => "the process connector",
                (false, "endpoint") => "sock_diag",
                (false, _) => "fanotify",
                (true, "process") => "audit (exits from the process connector)",
                (true, "endpoint") => "audit (connect, accept, send, listen, UDP bind) and sock_diag (sockets open at start, ends)",
                (true, _) => "audit",
            });
        }
        if (logins)
        {
            logger.LogInformation("login facts from {Source}", audit ? "audit (PAM sessions: sshd, login, su, sudo, cron) and utmp (sessions open at start)" : "utmp");
        }
        return audit;
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
