using System.Data.Common;
using Luarm.Cli;

namespace Luarm.Cli.Tests;

/// <summary>One in-process run of the <c>luarm</c> command with its output captured.</summary>
internal sealed record LuarmRun(int ExitCode, string Output, string Error)
{
    /// <summary>
    /// Runs <paramref name="args"/>, except that a <c>--store</c> carrying a password
    /// (which the command line refuses) goes into a luarm.yaml of this run's own, the
    /// way a user gives it: the tests of other commands need not care.
    /// </summary>
    public static async Task<LuarmRun> Of(params string[] args)
    {
        var store = Array.IndexOf(args, "--store");
        if (store < 0 || store + 1 >= args.Length || args.Contains("--config") || !HasPassword(args[store + 1]))
        {
            return await Verbatim(args);
        }
        var config = Path.Combine(Path.GetTempPath(), $"luarm-run-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(config, $"store:\n  connection: '{args[store + 1].Replace("'", "''", StringComparison.Ordinal)}'\n");
        try
        {
            return await Verbatim([.. args[..store], "--config", config, .. args[(store + 2)..]]);
        }
        finally
        {
            File.Delete(config);
        }
    }

    /// <summary>Runs exactly <paramref name="args"/>.</summary>
    public static async Task<LuarmRun> Verbatim(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await LuarmCli.RunAsync(args, output, error);
        return new LuarmRun(exit, output.ToString(), error.ToString());
    }

    /// <summary>A failure reported in exactly one line, no stack trace, with exit code <paramref name="exitCode"/>.</summary>
    public string SingleErrorLine(int exitCode)
    {
        Assert.True(exitCode == ExitCode, $"expected exit code {exitCode}, got {ExitCode}:\n{Error}");
        var lines = Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one error line, got:\n{Error}");
        Assert.DoesNotContain("   at ", Error);
        return lines[0];
    }

    private static bool HasPassword(string connection)
    {
        try
        {
            var parsed = new DbConnectionStringBuilder { ConnectionString = connection };
            return parsed.ContainsKey("password") || parsed.ContainsKey("pwd");
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
