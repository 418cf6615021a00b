namespace Luarm.Agent.Endpoints;

public sealed class EndpointOptions
{
    /// <summary>How often sockets are listed; a connection shorter than this may be missed.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);
}
