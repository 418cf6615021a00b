using Luarm.Engine.Alerts;
using Luarm.Engine.Delivery;
using Luarm.Engine.Evaluation;
using Luarm.Engine.Sinks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Luarm.Engine.Hosting;

/// <summary>
/// Wires an engine into a host: the rule set (loaded now, reloaded on change),
/// the per-shard evaluation and the delivery jobs on a Quartz schedule
/// (<see cref="EngineSchedule"/>), and the sinks.
/// </summary>
public static class EngineServices
{
    /// <summary>
    /// Registers the engine over rules already loaded (<see cref="ActiveRuleSet.TryReload"/>);
    /// throws <see cref="Configuration.SinkConfigException"/> for broken sink settings.
    /// </summary>
    public static IServiceCollection AddLuarmEngine(this IServiceCollection services, EngineSetup setup, TextWriter? console = null)
    {
        var sinks = AlertSinks.Create(setup.Sinks, console: console);
        services.AddSingleton(setup.Store);
        services.AddSingleton(setup.Engine);
        services.AddSingleton(sp => new AlertOutbox(setup.Store, sinks, setup.Outbox));
        services.AddSingleton(sp => new OutboxDispatcher(sp.GetRequiredService<AlertOutbox>(), new AlertReportReader(setup.Store), sp.GetService<ILogger<OutboxDispatcher>>()));
        services.AddSingleton(setup.Rules);
        services.AddSingleton(sp => new ShardCycles(setup, sp.GetRequiredService<AlertOutbox>(), sp.GetRequiredService<ILogger<EvaluationCycle>>()));
        services.AddSingleton<StoreOutage>();
        // Quartz logs a store outage as a warning with a stack trace per retry and loop;
        // StoreOutageListener and the jobs tell it in one line instead.
        services.AddLogging(logging => logging.AddFilter("Quartz", LogLevel.Critical));
        services.AddHostedService<RuleFileWatcher>();
        services.AddQuartz(quartz => EngineSchedule.Configure(quartz, setup.Store, setup.Engine));
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        return services;
    }
}
