using System.Net;
using System.Net.Sockets;

namespace Luarm.Agent.Inventory;

/// <summary>Prefix lengths as masks (255.255.255.0, ffff:ffff:ffff:ffff::), the way LUARM's ifconfig and route columns read.</summary>
internal static class NetMask
{
    public static int VersionOf(IPAddress address) => address.AddressFamily == AddressFamily.InterNetworkV6 ? 6 : 4;

    public static IPAddress Of(IPAddress family, int prefixLength)
    {
        var mask = new byte[family.AddressFamily == AddressFamily.InterNetworkV6 ? 16 : 4];
        var bits = Math.Clamp(prefixLength, 0, mask.Length * 8);
        for (var i = 0; i < mask.Length; i++)
        {
            var here = Math.Clamp(bits - (i * 8), 0, 8);
            mask[i] = (byte)(0xff00 >> here);
        }
        return new IPAddress(mask);
    }
}
