using System.CommandLine;
using Microsoft.Extensions.Logging;

namespace Luarm.Cli.Commands;

/// <summary><c>luarm engine</c>: evaluate the rules over the store on a schedule and deliver the alerts.</summary>
public static class EngineCommand
{
    public static Command Create()
    {
        var checkConfig = new Option<bool>("--check-config")
        {
            Description = "check luarm.yaml, the sinks, the rules and the store's schema, then exit (0 when all is well)",
        };
        var command = new Command("engine", "run the detection engine until stopped (systemd-ready)") { checkConfig };
        command.SetAction(async (parse, cancel) =>
        {
            var config = GlobalOptions.LoadConfig(parse);
            var setup = await EngineStart.PrepareAsync(config, parse.InvocationConfiguration.Error, EngineStart.ConsoleLogger("luarm.rules"), cancel);
            if (setup is null)
            {
                return ExitCodes.Config;
            }
            if (parse.GetValue(checkConfig))
            {
                await parse.InvocationConfiguration.Output.WriteLineAsync(
                    $"configuration is valid: {setup.Store.Location}, {setup.Rules.Current.Rules.Count} rule(s) from {string.Join(", ", setup.Engine.Rules)}");
                return ExitCodes.Ok;
            }
            using var host = EngineStart.Build(setup, LogLevel.Information);
            return await EngineStart.RunAsync(host, parse.InvocationConfiguration.Error, cancel);
        });
        return command;
    }
}
