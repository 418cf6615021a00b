using Luarm.Engine.Configuration;

namespace Luarm.Engine.Delivery;

/// <summary>How the outbox retries a failing channel and how much it takes per round trip.</summary>
public sealed class OutboxOptions
{
    /// <summary>The wait after the first failure; it doubles with each further failure.</summary>
    public int RetryFirstSeconds { get; set; } = 15;

    /// <summary>The longest wait between two attempts, however long the channel has been down.</summary>
    public int RetryMaxSeconds { get; set; } = 900;

    /// <summary>Alerts handed to a sink at once; also the largest mail digest.</summary>
    public int BatchSize { get; set; } = 100;

    internal void Validate(SettingErrors errors)
    {
        errors.Range(nameof(RetryFirstSeconds), RetryFirstSeconds, 1, 86_400);
        errors.Range(nameof(RetryMaxSeconds), RetryMaxSeconds, Math.Max(1, RetryFirstSeconds), 86_400);
        errors.Range(nameof(BatchSize), BatchSize, 1, 10_000);
    }
}
