using System.CommandLine;
using Luarm.Cli.Commands;
using Luarm.Cli.Configuration;
using Luarm.Store.Errors;

namespace Luarm.Cli;

/// <summary>
/// The <c>luarm</c> command tree and its exit codes (<see cref="ExitCodes"/>): a
/// failure a user can fix prints one line; anything unexpected prints one line
/// too (the stack trace with <c>--verbose</c>) and exits 70.
/// </summary>
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
            SamplesCommand.Create(),
        };
        root.Options.Add(GlobalOptions.Config);
        root.Options.Add(GlobalOptions.Store);
        root.Options.Add(GlobalOptions.Verbose);
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
        var parse = Build().Parse(args);
        try
        {
            var exit = await parse.InvokeAsync(configuration, cancel);
            // System.CommandLine prints the parse errors and returns 1, which here means findings.
            return parse.Errors.Count > 0 ? ExitCodes.Usage : exit;
        }
        catch (UsageException failure)
        {
            await error.WriteLineAsync($"luarm: {failure.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception failure) when (failure is StoreException or ConfigException)
        {
            await error.WriteLineAsync($"luarm: {failure.Message}");
            return ExitCodes.Config;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            await error.WriteLineAsync("luarm: cancelled");
            return ExitCodes.Cancelled;
        }
        catch (Exception failure)
        {
            // The last resort: whatever nobody foresaw still ends in one line and a code that says so.
            var verbose = parse.GetValue(GlobalOptions.Verbose);
            await error.WriteLineAsync(InternalError(CommandPath(parse), failure, verbose));
            if (verbose)
            {
                await error.WriteLineAsync(failure.ToString());
            }
            return ExitCodes.Internal;
        }
    }

    /// <summary>The one line an unexpected exception becomes: what was running and what failed.</summary>
    public static string InternalError(string what, Exception failure, bool verbose)
    {
        var reason = string.Join(' ', $"{failure.GetType().Name}: {failure.Message}".Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
        var hint = verbose ? "" : " (run again with --verbose for the stack trace)";
        return $"luarm: internal error: {what} failed: {reason}{hint}";
    }

    private static string CommandPath(ParseResult parse)
    {
        // The root's name is the executable's; "luarm" is what the user typed.
        var names = new Stack<string>();
        for (var command = parse.CommandResult; command.Parent is System.CommandLine.Parsing.CommandResult parent; command = parent)
        {
            names.Push(command.Command.Name);
        }
        return names.Count == 0 ? "luarm" : string.Join(' ', names);
    }
}
