namespace Luarm.Engine.Delivery;

/// <summary>What one dispatch pass did on one channel.</summary>
/// <param name="Failed">Alerts put off for a retry.</param>
/// <param name="Error">Why the channel failed, when it did.</param>
public sealed record ChannelDispatch(string Channel, int Delivered, int Failed, string? Error);
