namespace Luarm.Agent.Pipeline;

/// <summary>
/// Exponential backoff with jitter: each failure in a row doubles the wait, up
/// to a ceiling, and every wait is drawn between half and all of it, so a fleet
/// of agents that lost the store at once does not come back at once.
/// </summary>
internal sealed class RetryBackoff(TimeSpan first, TimeSpan ceiling)
{
    private int _failures;

    public DateTime RetryAt { get; private set; } = DateTime.MinValue;

    public bool IsDue => DateTime.UtcNow >= RetryAt;

    /// <summary>Records a failure; returns the wait before the next try.</summary>
    public TimeSpan Failed()
    {
        var full = Math.Min(first.TotalMilliseconds * Math.Pow(2, Math.Min(_failures, 30)), ceiling.TotalMilliseconds);
        _failures++;
        var wait = TimeSpan.FromMilliseconds(full * (0.5 + (Random.Shared.NextDouble() / 2)));
        RetryAt = DateTime.UtcNow + wait;
        return wait;
    }

    public void Succeeded()
    {
        _failures = 0;
        RetryAt = DateTime.MinValue;
    }
}
