using System.CommandLine;
using Luarm.Cli.Commands;
using Luarm.Cli.Configuration;
using Luarm.Store.Errors;

namespace Luarm.Cli;

/// <summary>The <c>luarm</c> command tree. A failure a user can fix prints one line and exits 1.</summary>
public static class LuarmCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Luarm.Detect: log what users and programs do on Linux hosts, and detect misuse")
        {
            SchemaCommand.Create(),
            HostCommand.Create(),
            SqlCommand.Create(),
            AlertsCommand.Create(),
            AgentCommand.Create(),
            RulesCommand.Create(),
            EngineCommand.Create(),
            RunCommand.Create(),
        };
        root.Options.Add(GlobalOptions.Config);
        root.Options.Add(GlobalOptions.Store);
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancel = default)
    {
        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            return await Build().Parse(args).InvokeAsync(configuration, cancel);
        }
        catch (Exception failure) when (failure is StoreException or ConfigException or UsageException)
        {
            await error.WriteLineAsync($"luarm: {failure.Message}");
            return 1;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            await error.WriteLineAsync("luarm: cancelled");
            return 130;
        }
    }
}
