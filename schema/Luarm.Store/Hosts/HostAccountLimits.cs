namespace Luarm.Store.Hosts;

/// <summary>
/// What the server enforces on a host's MariaDB account. <see cref="MaxConnections"/>
/// keeps one host from taking the connections every other host needs;
/// <see cref="RequireTls"/> refuses the account over an unencrypted connection.
/// </summary>
public sealed record HostAccountLimits(int MaxConnections = HostAccountLimits.DefaultMaxConnections, bool RequireTls = false)
{
    /// <summary>An agent uses one connection at a time; a few more cover a restart that overlaps the old process.</summary>
    public const int DefaultMaxConnections = 4;

    public static HostAccountLimits Default { get; } = new();
}
