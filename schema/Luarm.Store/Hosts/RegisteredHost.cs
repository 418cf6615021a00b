namespace Luarm.Store.Hosts;

/// <summary>A host known to the store; <see cref="Account"/> is its database account on MariaDB.</summary>
public sealed class RegisteredHost
{
    public int HostId { get; set; }
    public string Hostname { get; set; } = "";
    public string? Account { get; set; }
    public DateTime Added { get; set; }
    public DateTime? Removed { get; set; }
}
