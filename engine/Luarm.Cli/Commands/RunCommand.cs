using System.CommandLine;
using System.Runtime.InteropServices;
using Luarm.Agent;
using Luarm.Agent.Logging;
using Luarm.Engine.Sinks.Console;
using Luarm.Store.Schema;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Luarm.Cli.Commands;

/// <summary>
/// <c>luarm run</c>: the whole product on one host. Creates the store's tables
/// when missing, records this host (the agent) and prints alerts as the rules
/// raise them (the engine), until Ctrl-C or SIGTERM. Needs root.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var command = new Command("run", "monitor this host and print alerts (agent + engine on the configured store, SQLite by default); needs root");
        command.SetAction(async (parse, cancel) =>
        {
            var config = GlobalOptions.LoadConfig(parse);
            if (config.Sinks is { Console: null, Email: null, Syslog: null, JsonLines: null })
            {
                config.Sinks.Console = new ConsoleSinkOptions();
            }
            var output = parse.InvocationConfiguration.Output;
            var store = Store.Access.FactStore.Open(config.Store.Connection);
            await new Migrator(store).MigrateAsync(cancel);
            var setup = await EngineStart.PrepareAsync(config, parse.InvocationConfiguration.Error, EngineStart.ConsoleLogger("luarm.rules"), cancel);
            if (setup is null)
            {
                return ExitCodes.Config;
            }
            await output.WriteLineAsync($"luarm: monitoring this host into {store.Location} with {setup.Rules.Current.Rules.Count} rule(s); alerts follow (Ctrl-C stops)");
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
            {
                signal.Cancel = true;
                stop.Cancel();
            });
            using var host = EngineStart.Build(setup, LogLevel.Warning);
            var engine = EngineStart.RunAsync(host, parse.InvocationConfiguration.Error, stop.Token);
            var agent = AgentRunner.RunAsync(store, config.Agent.ToOptions(), new TextWriterLogger(parse.InvocationConfiguration.Error), stop.Token);
            // One service: an engine that stops on a fault stops the agent too, and the exit code says so.
            await Task.WhenAny(engine, agent);
            await stop.CancelAsync();
            try
            {
                await agent;
            }
            catch (AgentException failure)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"luarm: {failure.Message}");
                await engine;
                return ExitCodes.Config;
            }
            return await engine;
        });
        return command;
    }
}
