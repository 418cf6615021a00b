using Luarm.Cli.Configuration;
using Luarm.Engine.Configuration;
using Luarm.Engine.Delivery;
using Luarm.Engine.Evaluation;
using Luarm.Engine.Hosting;
using Luarm.Engine.Sinks;
using Luarm.Store.Access;
using Luarm.Store.Errors;
using Luarm.Store.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Luarm.Cli.Commands;

/// <summary>
/// What <c>luarm engine</c> and <c>luarm run</c> share: check everything the
/// engine needs before it starts (each problem named by its setting), then host it.
/// </summary>
internal static class EngineStart
{
    /// <summary>The checked setup, or null after printing every problem to <paramref name="error"/>.</summary>
    public static async Task<EngineSetup?> PrepareAsync(LuarmConfig config, TextWriter error, ILogger logger, CancellationToken cancel)
    {
        var problems = new List<string>();
        var store = FactStore.Open(config.Store.Connection);
        try
        {
            AlertSinks.Create(config.Sinks, console: TextWriter.Null);
            _ = new AlertOutbox(store, [], config.Outbox);
        }
        catch (SinkConfigException broken)
        {
            problems.AddRange(broken.Problems);
        }
        if (config.Engine.ScheduleSeconds <= 0 || config.Engine.BatchSize <= 0)
        {
            problems.Add("engine.schedule_seconds and engine.batch_size: must be above 0");
        }
        if (config.Engine.Shards is < 1 or > 1024)
        {
            problems.Add("engine.shards: must be between 1 and 1024 (and the same on every engine of a cluster)");
        }
        if (config.Engine.Cluster.CheckInSeconds <= 0 || string.IsNullOrWhiteSpace(config.Engine.Cluster.InstanceName))
        {
            problems.Add("engine.cluster.check_in_seconds and engine.cluster.instance_name: must be above 0 and not empty");
        }
        if (config.Engine.Rules.Count == 0)
        {
            config.Engine.Rules = DefaultPaths.Rules() ?? [];
        }
        var rules = new ActiveRuleSet(config.Engine.Rules, logger);
        if (config.Engine.Rules.Count == 0)
        {
            problems.Add($"engine.rules: no rule folder found (looked in {string.Join(", ", DefaultPaths.RuleCandidates)}); name one in luarm.yaml (engine.rules) or in LUARM_RULES");
        }
        else if (!rules.TryReload())
        {
            problems.Add($"engine.rules: the rules in {string.Join(", ", config.Engine.Rules)} have errors (listed above); fix them or check them with 'luarm rules validate'");
        }
        var latest = MigrationScripts.For(store.Dialect)[^1].Version;
        var version = await new Migrator(store).CurrentVersionAsync(cancel);
        if (version < latest)
        {
            problems.Add($"store.connection: {store.Location} is at schema version {version}, the engine needs {latest}; run 'luarm schema migrate'");
        }
        foreach (var problem in problems)
        {
            await error.WriteLineAsync($"luarm: {problem}");
        }
        return problems.Count == 0 ? new EngineSetup(store, rules, config.Engine, config.Sinks, config.Outbox) : null;
    }

    public static IHost Build(EngineSetup setup, LogLevel level)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(level);
        builder.Logging.AddFilter("Quartz", LogLevel.Warning);
        builder.Services.AddSystemd();
        builder.Services.AddLuarmEngine(setup);
        return builder.Build();
    }

    /// <summary>
    /// Runs the host until it stops. A failed background service makes .NET stop
    /// the host, and its RunAsync then returns as if asked to stop; that must not
    /// exit 0, or systemd's Restart=on-failure would not bring the engine back.
    /// </summary>
    public static async Task<int> RunAsync(IHost host, TextWriter error, CancellationToken cancel)
    {
        var services = host.Services.GetServices<IHostedService>().OfType<BackgroundService>().ToArray();
        await host.RunAsync(cancel);
        var failed = services.Select(s => (Service: s.GetType().Name, s.ExecuteTask?.Exception)).Where(s => s.Exception is not null).ToArray();
        foreach (var (service, fault) in failed)
        {
            await error.WriteLineAsync(LuarmCli.InternalError($"the engine's {service}", fault!.GetBaseException(), verbose: false));
        }
        return failed.Length == 0 ? ExitCodes.Ok : ExitCodes.Internal;
    }

    public static ILogger ConsoleLogger(string category) =>
        LoggerFactory.Create(logging => logging.AddSimpleConsole(console => console.SingleLine = true)).CreateLogger(category);
}
