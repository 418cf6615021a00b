namespace Luarm.Engine.Delivery;

/// <summary>One alert waiting for (or delivered to) one channel: a row of <c>alertoutbox</c>.</summary>
public sealed class OutboxEntry
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";

    public long OutboxId { get; init; }
    public long AlertId { get; init; }
    public string Channel { get; init; } = "";
    public string Status { get; init; } = "";

    /// <summary>Attempts made so far, the successful one included.</summary>
    public int Attempts { get; init; }

    public DateTime NextAttempt { get; init; }
    public string? LastError { get; init; }
}
