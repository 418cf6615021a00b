using Luarm.Engine.Alerts;

namespace Luarm.Engine.Delivery;

/// <summary>
/// One delivery channel (a mail route, the syslog collector, the console, a
/// JSON Lines file). The outbox keeps one row per alert and channel, so each
/// channel is retried on its own and an outage of one never holds up another.
/// </summary>
public interface IAlertSink : IAsyncDisposable
{
    /// <summary>The outbox channel name, stable across restarts (<c>email.soc</c>, <c>syslog</c>); at most 64 characters.</summary>
    string Channel { get; }

    /// <summary>Which alerts the channel takes; applied when alerts are enqueued.</summary>
    ChannelFilter Filter { get; }

    /// <summary>
    /// Sends <paramref name="alerts"/> and calls <paramref name="delivered"/> right
    /// after the channel has accepted each part, so it is marked before the next
    /// part goes out. Throws when the channel fails; what was not confirmed is retried.
    /// </summary>
    Task DeliverAsync(IReadOnlyList<AlertReport> alerts, AlertsDelivered delivered, CancellationToken cancel);
}
