namespace Luarm.Agent.Tests.Support;

/// <summary>Waits, bounded in time, for something the agent does in the background.</summary>
public static class Eventually
{
    public static readonly TimeSpan Within = TimeSpan.FromSeconds(20);

    public static Task True(Func<bool> condition, string what) => True(() => Task.FromResult(condition()), what);

    public static async Task True(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Within;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"not within {Within.TotalSeconds}s: {what}");
            }
            await Task.Delay(50);
        }
    }
}
