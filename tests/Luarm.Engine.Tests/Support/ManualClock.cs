namespace Luarm.Engine.Tests.Support;

/// <summary>A clock the test moves, so a retry becomes due without waiting for it.</summary>
internal sealed class ManualClock : TimeProvider
{
    public DateTimeOffset Now { get; private set; } = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
