namespace Luarm.Benchmarks;

/// <summary>Progress for the person waiting: standard error, so it stays out of the report.</summary>
public static class Progress
{
    private static readonly System.Diagnostics.Stopwatch Clock = System.Diagnostics.Stopwatch.StartNew();

    public static void Say(string text) => Console.Error.WriteLine($"[{Clock.Elapsed:mm\\:ss}] {text}");
}
