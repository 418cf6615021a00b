namespace Luarm.Store.Hosts;

/// <summary>
/// The result of adding a host. <see cref="AgentConnection"/> carries the new
/// account's password and is shown once; the store keeps no copy of it.
/// </summary>
public sealed record HostRegistration(int HostId, string Hostname, string? AgentConnection);
