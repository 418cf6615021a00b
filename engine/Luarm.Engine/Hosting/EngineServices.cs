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
/// the evaluation and delivery jobs on a Quartz schedule, and the sinks.
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
        services.AddSingleton(sp => new EvaluationCycle(setup.Store, setup.Rules, setup.Engine,
            sp.GetRequiredService<AlertOutbox>(), logger: sp.GetService<ILogger<EvaluationCycle>>()));
        services.AddHostedService<RuleFileWatcher>();
        var every = TimeSpan.FromSeconds(setup.Engine.ScheduleSeconds);
        services.AddQuartz(quartz =>
        {
            Schedule<EvaluationJob>(quartz, "evaluate", every);
            Schedule<DeliveryJob>(quartz, "deliver", every);
        });
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        return services;
    }

    private static void Schedule<TJob>(IQuartzBuilder quartz, string name, TimeSpan every) where TJob : IJob
    {
        var job = new JobKey(name, "luarm");
        quartz.AddJob<TJob>(configure => configure.WithIdentity(job));
        quartz.AddTrigger(trigger => trigger.ForJob(job).WithIdentity(name, "luarm").StartNow()
            .WithSimpleSchedule(schedule => schedule.WithInterval(every).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
    }
}
