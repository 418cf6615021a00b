using Luarm.Engine.Alerts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Luarm.Engine.Delivery;

/// <summary>
/// Delivers what the outbox holds. One pass (<see cref="RunOnceAsync"/>) hands
/// each channel its due alerts, batch by batch, marks each part delivered as
/// soon as the sink confirms it and puts the rest off with backoff when the
/// channel fails. A scheduler calls it periodically, on one engine node at a time.
/// </summary>
public sealed class OutboxDispatcher(AlertOutbox outbox, AlertReportReader reader, ILogger<OutboxDispatcher>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<OutboxDispatcher>.Instance;

    /// <summary>Runs every channel side by side, so a slow or dead one does not hold up the others.</summary>
    public async Task<IReadOnlyList<ChannelDispatch>> RunOnceAsync(CancellationToken cancel = default) =>
        await Task.WhenAll(outbox.Sinks.Select(sink => DispatchAsync(sink, cancel)));

    private async Task<ChannelDispatch> DispatchAsync(IAlertSink sink, CancellationToken cancel)
    {
        var batchSize = outbox.Options.BatchSize;
        var delivered = 0;
        while (true)
        {
            var due = await outbox.DueAsync(sink.Channel, batchSize, cancel);
            if (due.Count == 0)
            {
                return new ChannelDispatch(sink.Channel, delivered, 0, null);
            }
            var entries = due.ToDictionary(e => e.AlertId);
            var confirmed = new HashSet<long>();
            var reports = await reader.ReadAsync(entries.Keys, cancel);
            string? error = null;
            try
            {
                await sink.DeliverAsync(reports, async (sent, token) =>
                {
                    var rows = sent.Select(r => entries[r.Alert.AlertId]).Where(e => !confirmed.Contains(e.AlertId)).ToArray();
                    await outbox.MarkDeliveredAsync(rows, token);
                    confirmed.UnionWith(rows.Select(e => e.AlertId));
                    delivered += rows.Length;
                }, cancel);
            }
            catch (Exception failure) when (!cancel.IsCancellationRequested)
            {
                error = $"{failure.GetType().Name}: {failure.Message}";
            }
            var unconfirmed = due.Where(e => !confirmed.Contains(e.AlertId)).ToArray();
            if (unconfirmed.Length > 0)
            {
                // A sink that returns without confirming everything has not delivered the rest either
                // (or the alert is gone from the store): both wait for a retry rather than spin.
                error ??= "the channel did not confirm these alerts (or they are no longer in the store)";
                await outbox.ScheduleRetryAsync(unconfirmed, error, cancel);
                _logger.LogWarning("Alert delivery to {Channel} failed for {Count} alerts, will retry: {Error}", sink.Channel, unconfirmed.Length, error);
                return new ChannelDispatch(sink.Channel, delivered, unconfirmed.Length, error);
            }
            _logger.LogDebug("Delivered {Count} alerts to {Channel}", due.Count, sink.Channel);
            if (due.Count < batchSize)
            {
                return new ChannelDispatch(sink.Channel, delivered, 0, null);
            }
        }
    }
}
