using System.Text;

namespace Luarm.Agent.Interop;

/// <summary>
/// Kernel device events (NETLINK_KOBJECT_UEVENT, multicast group 1): each
/// datagram is "ACTION@DEVPATH" then NUL-separated KEY=VALUE pairs. Net devices'
/// events reach only sockets of the network namespace that owns the device.
/// </summary>
internal static class KobjectUevent
{
    private const uint KernelGroup = 1;

    public static NetlinkSocket Listen() => NetlinkSocket.Open(NetlinkSocket.NETLINK_KOBJECT_UEVENT, KernelGroup);

    /// <summary>The KEY=VALUE pairs of one event; null for a datagram that is not a kernel uevent.</summary>
    public static Dictionary<string, string>? Parse(ReadOnlySpan<byte> datagram)
    {
        var headerEnd = datagram.IndexOf((byte)0);
        if (headerEnd < 0 || datagram[..headerEnd].IndexOf((byte)'@') < 0)
        {
            return null;
        }
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        var rest = datagram[(headerEnd + 1)..];
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf((byte)0);
            var pair = end < 0 ? rest : rest[..end];
            var equals = pair.IndexOf((byte)'=');
            if (equals > 0)
            {
                pairs[Encoding.UTF8.GetString(pair[..equals])] = Encoding.UTF8.GetString(pair[(equals + 1)..]);
            }
            rest = end < 0 ? [] : rest[(end + 1)..];
        }
        return pairs;
    }
}
