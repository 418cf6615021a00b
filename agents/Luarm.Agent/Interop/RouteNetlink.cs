using System.Buffers.Binary;
using System.Net;
using System.Runtime.InteropServices;

namespace Luarm.Agent.Interop;

/// <summary>
/// rtnetlink (NETLINK_ROUTE, linux/rtnetlink.h): dumps of links (struct ifinfomsg),
/// addresses (struct ifaddrmsg) and routes (struct rtmsg), each followed by its
/// attributes (struct rtattr), and the multicast groups that announce their changes.
/// A socket answers for the network namespace it was opened in.
/// </summary>
internal static class RouteNetlink
{
    public const int NETLINK_ROUTE = 0;
    public const uint RTMGRP_LINK = 0x1;
    public const uint RTMGRP_IPV4_IFADDR = 0x10;
    public const uint RTMGRP_IPV4_ROUTE = 0x40;
    public const uint RTMGRP_IPV6_IFADDR = 0x100;
    public const uint RTMGRP_IPV6_ROUTE = 0x400;

    private const ushort RTM_NEWLINK = 16;
    private const ushort RTM_GETLINK = 18;
    private const ushort RTM_NEWADDR = 20;
    private const ushort RTM_GETADDR = 22;
    private const ushort RTM_NEWROUTE = 24;
    private const ushort RTM_GETROUTE = 26;
    private const int IfInfoLength = 16;
    private const int IfAddrLength = 8;
    private const int RtMsgLength = 12;
    private const ushort IFLA_ADDRESS = 1;
    private const ushort IFLA_IFNAME = 3;
    private const ushort IFA_ADDRESS = 1;
    private const ushort IFA_LOCAL = 2;
    private const ushort RTA_DST = 1;
    private const ushort RTA_OIF = 4;
    private const ushort RTA_GATEWAY = 5;
    private const ushort RTA_TABLE = 15;
    private const byte RT_TABLE_MAIN = 254;
    private const byte RTN_UNICAST = 1;
    private const byte AF_INET = 2;
    private const byte AF_INET6 = 10;

    public static NetlinkSocket Open(uint groups = 0) => NetlinkSocket.Open(NETLINK_ROUTE, groups, receiveBuffer: 1 << 20);

    /// <summary>Every link (interface) of the namespace: index, name and hardware address.</summary>
    public static List<Link> Links(NetlinkSocket socket, byte[] buffer)
    {
        var links = new List<Link>();
        Dump(socket, buffer, RTM_GETLINK, IfInfoLength, RTM_NEWLINK, message =>
        {
            var index = MemoryMarshal.Read<int>(message[4..]);
            string? name = null;
            string? hardware = null;
            foreach (var (type, value) in Attributes(message[IfInfoLength..]))
            {
                switch (type)
                {
                    case IFLA_IFNAME:
                        name = CString(value);
                        break;
                    case IFLA_ADDRESS when value.Length > 0:
                        hardware = string.Join(':', value.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
                        break;
                }
            }
            if (name is not null)
            {
                links.Add(new Link(index, name, hardware));
            }
        });
        return links;
    }

    /// <summary>Every IPv4 and IPv6 address of the namespace and the link it is on.</summary>
    public static List<LinkAddress> Addresses(NetlinkSocket socket, byte[] buffer)
    {
        var addresses = new List<LinkAddress>();
        Dump(socket, buffer, RTM_GETADDR, IfAddrLength, RTM_NEWADDR, message =>
        {
            var family = message[0];
            if (family is not (AF_INET or AF_INET6))
            {
                return;
            }
            IPAddress? address = null;
            IPAddress? local = null;
            foreach (var (type, value) in Attributes(message[IfAddrLength..]))
            {
                switch (type)
                {
                    case IFA_ADDRESS:
                        address = Address(family, value);
                        break;
                    case IFA_LOCAL:
                        local = Address(family, value);
                        break;
                }
            }
            // IFA_LOCAL is the host's own address; IFA_ADDRESS is the peer's on a point-to-point link (and the only one for IPv6).
            if ((local ?? address) is { } own)
            {
                addresses.Add(new LinkAddress(MemoryMarshal.Read<int>(message[4..]), own, message[1]));
            }
        });
        return addresses;
    }

    /// <summary>The unicast routes of the main table (what <c>ip route</c> and <c>ip -6 route</c> list), IPv4 and IPv6.</summary>
    public static List<Route> Routes(NetlinkSocket socket, byte[] buffer)
    {
        var routes = new List<Route>();
        Dump(socket, buffer, RTM_GETROUTE, RtMsgLength, RTM_NEWROUTE, message =>
        {
            var family = message[0];
            int table = message[4];
            if (family is not (AF_INET or AF_INET6) || message[7] != RTN_UNICAST)
            {
                return;
            }
            var destination = family == AF_INET ? IPAddress.Any : IPAddress.IPv6Any;
            IPAddress? gateway = null;
            var outgoing = 0;
            foreach (var (type, value) in Attributes(message[RtMsgLength..]))
            {
                switch (type)
                {
                    case RTA_DST:
                        destination = Address(family, value) ?? destination;
                        break;
                    case RTA_GATEWAY:
                        gateway = Address(family, value);
                        break;
                    case RTA_OIF when value.Length >= 4:
                        outgoing = MemoryMarshal.Read<int>(value);
                        break;
                    case RTA_TABLE when value.Length >= 4:
                        table = MemoryMarshal.Read<int>(value);
                        break;
                }
            }
            if (table == RT_TABLE_MAIN)
            {
                routes.Add(new Route(outgoing, destination, message[1], gateway));
            }
        });
        return routes;
    }

    private delegate void MessageHandler(ReadOnlySpan<byte> message);

    /// <summary>One dump request for every family, its answers handed to <paramref name="found"/> until NLMSG_DONE.</summary>
    private static void Dump(NetlinkSocket socket, byte[] buffer, ushort request, int bodyLength, ushort answer, MessageHandler found)
    {
        Span<byte> message = stackalloc byte[NetlinkMessages.HeaderLength + bodyLength];
        message.Clear();
        NetlinkMessages.WriteHeader(message, request, NetlinkMessages.NLM_F_REQUEST | NetlinkMessages.NLM_F_DUMP, request);
        socket.Send(message);
        while (true)
        {
            var received = socket.Receive(buffer, TimeSpan.FromSeconds(5));
            if (received == 0)
            {
                throw new IOException($"rtnetlink sent no answer within 5 s (request {request})");
            }
            var messages = NetlinkMessages.Read(buffer.AsSpan(0, received));
            while (messages.TryRead(out var reply))
            {
                switch (reply.Type)
                {
                    case NetlinkMessages.NLMSG_DONE:
                        return;
                    case NetlinkMessages.NLMSG_ERROR:
                        throw new KernelCallException($"rtnetlink dump (request {request})", -reply.Error);
                    case var type when type == answer && reply.Payload.Length >= bodyLength:
                        found(reply.Payload);
                        break;
                }
            }
        }
    }

    /// <summary>The (type, value) pairs of a run of struct rtattr, stopping at the first malformed one.</summary>
    private static List<(ushort Type, byte[] Value)> Attributes(ReadOnlySpan<byte> rest)
    {
        var attributes = new List<(ushort, byte[])>();
        while (rest.Length >= 4)
        {
            var length = BinaryPrimitives.ReadUInt16LittleEndian(rest);
            if (length < 4 || length > rest.Length)
            {
                break;
            }
            // NLA_F_NESTED and NLA_F_NET_BYTEORDER live in the top bits of the type.
            attributes.Add(((ushort)(BinaryPrimitives.ReadUInt16LittleEndian(rest[2..]) & 0x3fff), rest[4..length].ToArray()));
            var aligned = (length + 3) & ~3;
            rest = aligned >= rest.Length ? [] : rest[aligned..];
        }
        return attributes;
    }

    private static IPAddress? Address(byte family, byte[] value) => (family, value.Length) switch
    {
        (AF_INET, 4) or (AF_INET6, 16) => new IPAddress(value),
        _ => null,
    };

    private static string CString(byte[] value)
    {
        var end = Array.IndexOf(value, (byte)0);
        return System.Text.Encoding.UTF8.GetString(value, 0, end < 0 ? value.Length : end);
    }
}

/// <summary>A network interface: its index, name and hardware (MAC) address, if it has one.</summary>
internal readonly record struct Link(int Index, string Name, string? Hardware);

/// <summary>An address on the interface of index <see cref="Index"/>, with its prefix length.</summary>
internal readonly record struct LinkAddress(int Index, IPAddress Address, int PrefixLength);

/// <summary>A route to <see cref="Destination"/>/<see cref="PrefixLength"/> out of interface <see cref="OutIndex"/> (0: none), through <see cref="Gateway"/> if any.</summary>
internal readonly record struct Route(int OutIndex, IPAddress Destination, int PrefixLength, IPAddress? Gateway);
