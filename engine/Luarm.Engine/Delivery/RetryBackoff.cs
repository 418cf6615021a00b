namespace Luarm.Engine.Delivery;

/// <summary>Exponential backoff: first, 2 x first, 4 x first, ... capped at max.</summary>
internal sealed record RetryBackoff(TimeSpan First, TimeSpan Max)
{
    /// <param name="failures">How many attempts have failed so far, counting the one just made (1 or more).</param>
    public TimeSpan After(int failures)
    {
        var doublings = Math.Clamp(failures - 1, 0, 30);
        var delay = First.Ticks * Math.Pow(2, doublings);
        return delay >= Max.Ticks ? Max : TimeSpan.FromTicks((long)delay);
    }
}
