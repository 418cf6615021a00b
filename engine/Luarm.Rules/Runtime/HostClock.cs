namespace Luarm.Rules.Runtime;

/// <summary>
/// How far a host's event time has got: the latest <c>created</c> seen from it, or
/// later when the engine knows more. An absence is only concluded once the clock
/// has passed the end of its window, so a fact that is merely late is not missed.
/// </summary>
public sealed class HostClock(int hostId, DateTime now)
{
    public int HostId { get; } = hostId;

    public DateTime Now { get; internal set; } = now;
}
