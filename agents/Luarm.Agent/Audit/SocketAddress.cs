using System.Buffers.Binary;
using System.Net;

namespace Luarm.Agent.Audit;

/// <summary>
/// The saddr of a SOCKADDR record: a struct sockaddr in hex. Only IPv4 and IPv6 are endpoints.
/// <see cref="Inet6"/> says the family was AF_INET6 even when the address is an IPv4 one mapped into it.
/// </summary>
internal readonly record struct SocketAddress(IPAddress Ip, int Port, bool Inet6)
{
    private const ushort AF_INET = 2;
    private const ushort AF_INET6 = 10;

    public int IpVersion => Ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 4 : 6;

    public static SocketAddress? Parse(string? hex)
    {
        var bytes = hex is null ? null : AuditValues.Hex(hex);
        if (bytes is null || bytes.Length < 2)
        {
            return null;
        }
        var family = BinaryPrimitives.ReadUInt16LittleEndian(bytes);
        if (family == AF_INET && bytes.Length >= 8)
        {
            return new SocketAddress(new IPAddress(bytes.AsSpan(4, 4)), BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(2)), Inet6: false);
        }
        if (family == AF_INET6 && bytes.Length >= 24)
        {
            var ip = new IPAddress(bytes.AsSpan(8, 16));
            // A dual-stack socket talking IPv4: recorded as IPv4, as the endpoint collector does.
            return new SocketAddress(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip, BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(2)), Inet6: true);
        }
        return null;
    }
}
