namespace Luarm.Cli.Output;

/// <summary>How wide a listing may be: the terminal's width when standard output is one, no limit when it is redirected (a file, a pipe, a test's writer).</summary>
public static class TerminalWidth
{
    public static int Of(TextWriter output)
    {
        if (!ReferenceEquals(output, Console.Out) || Console.IsOutputRedirected)
        {
            return int.MaxValue;
        }
        return Console.WindowWidth is > 0 and var columns ? columns : int.MaxValue;
    }
}
