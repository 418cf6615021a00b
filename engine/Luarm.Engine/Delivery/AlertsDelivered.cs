using Luarm.Engine.Alerts;

namespace Luarm.Engine.Delivery;

/// <summary>A sink's confirmation that its channel accepted these alerts.</summary>
public delegate Task AlertsDelivered(IReadOnlyList<AlertReport> alerts, CancellationToken cancel);
