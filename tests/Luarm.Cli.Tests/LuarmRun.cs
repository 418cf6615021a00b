using Luarm.Cli;

namespace Luarm.Cli.Tests;

/// <summary>One in-process run of the <c>luarm</c> command with its output captured.</summary>
internal sealed record LuarmRun(int ExitCode, string Output, string Error)
{
    public static async Task<LuarmRun> Of(params string[] args)
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
}
