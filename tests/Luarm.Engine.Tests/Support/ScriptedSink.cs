using Luarm.Engine.Alerts;
using Luarm.Engine.Delivery;

namespace Luarm.Engine.Tests.Support;

/// <summary>A channel the test scripts: down, or failing part-way through a delivery; it records what it confirmed.</summary>
internal sealed class ScriptedSink(string channel, ChannelFilter? filter = null) : IAlertSink
{
    public string Channel => channel;

    public ChannelFilter Filter => filter ?? ChannelFilter.Everything;

    public bool Down { get; set; }

    /// <summary>Confirms this many alerts of the next delivery, then fails.</summary>
    public int? FailAfter { get; set; }

    public List<long> Confirmed { get; } = [];

    public async Task DeliverAsync(IReadOnlyList<AlertReport> alerts, AlertsDelivered delivered, CancellationToken cancel)
    {
        foreach (var alert in alerts)
        {
            if (Down || FailAfter-- == 0)
            {
                FailAfter = null;
                throw new IOException($"{channel} is down");
            }
            Confirmed.Add(alert.Alert.AlertId);
            await delivered([alert], cancel);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
