using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Text;

namespace Luarm.Agent.Interop;

/// <summary>
/// rtnetlink (NETLINK_ROUTE, linux/rtnetlink.h): dumps of links (struct ifinfomsg),
/// addresses (struct ifaddrmsg) and routes (struct rtmsg), each followed by its
/// attributes (struct rtattr), and the multicast groups that announce their changes.
/// A socket answers for the network namespace it was opened in. Every message is
/// parsed from its span with each length checked: one too short to be what its type
/// says is skipped, an attribute that overruns its message ends the attributes.
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
    private const uint IFF_UP = 0x1;
    private const ushort IFLA_ADDRESS = 1;
    private const ushort IFLA_IFNAME = 3;
    private const ushort IFA_ADDRESS = 1;
    private const ushort IFA_LOCAL = 2;
    private const ushort RTA_DST = 1;
    private const ushort RTA_OIF = 4;
    private const ushort RTA_GATEWAY = 5;
    private const ushort RTA_TABLE = 15;
    private const uint RT_TABLE_MAIN = 254;
    private const byte RTN_UNICAST = 1;
    private const byte AF_INET = 2;
    private const byte AF_INET6 = 10;

    /// <summary>Sequence numbers of dump requests, so an answer to an earlier, abandoned dump is never read as this one's.</summary>
    private static int s_sequence;

    public static NetlinkSocket Open(uint groups = 0) => NetlinkSocket.Open(NETLINK_ROUTE, groups, receiveBuffer: 1 << 20);

    /// <summary>Every link (interface) of the namespace.</summary>
    public static List<Link> Links(NetlinkSocket socket, byte[] buffer) => Dump(socket, buffer, RTM_GETLINK, IfInfoLength, RTM_NEWLINK, ParseLink);

    /// <summary>Every IPv4 and IPv6 address of the namespace and the link it is on.</summary>
    public static List<LinkAddress> Addresses(NetlinkSocket socket, byte[] buffer) => Dump(socket, buffer, RTM_GETADDR, IfAddrLength, RTM_NEWADDR, ParseAddress);

    /// <summary>The unicast routes of the main table (what <c>ip route</c> and <c>ip -6 route</c> list), IPv4 and IPv6.</summary>
    public static List<Route> Routes(NetlinkSocket socket, byte[] buffer) => Dump(socket, buffer, RTM_GETROUTE, RtMsgLength, RTM_NEWROUTE, ParseRoute);

    /// <summary>An RTM_NEWLINK payload (struct ifinfomsg and attributes); null when too short or nameless.</summary>
    public static Link? ParseLink(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < IfInfoLength)
        {
            return null;
        }
        var index = BinaryPrimitives.ReadInt32LittleEndian(payload[4..]);
        var flags = BinaryPrimitives.ReadUInt32LittleEndian(payload[8..]);
        string? name = null;
        string? hardware = null;
        var attributes = new Attributes(payload[IfInfoLength..]);
        while (attributes.TryRead(out var type, out var value))
        {
            switch (type)
            {
                case IFLA_IFNAME:
                    name = CString(value);
                    break;
                case IFLA_ADDRESS when value.Length > 0:
                    hardware = Hex(value);
                    break;
            }
        }
        return string.IsNullOrEmpty(name) ? null : new Link(index, name, hardware, (flags & IFF_UP) != 0);
    }

    /// <summary>An RTM_NEWADDR payload (struct ifaddrmsg and attributes); null when too short, not IPv4 or IPv6, or without an address.</summary>
    public static LinkAddress? ParseAddress(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < IfAddrLength || payload[0] is not (AF_INET or AF_INET6))
        {
            return null;
        }
        var family = payload[0];
        IPAddress? address = null;
        IPAddress? local = null;
        var attributes = new Attributes(payload[IfAddrLength..]);
        while (attributes.TryRead(out var type, out var value))
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
        return (local ?? address) is { } own
            ? new LinkAddress(BinaryPrimitives.ReadInt32LittleEndian(payload[4..]), own, payload[1])
            : null;
    }

    /// <summary>An RTM_NEWROUTE payload (struct rtmsg and attributes); null when too short, not a unicast IPv4 or IPv6 route, or not of the main table.</summary>
    public static Route? ParseRoute(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < RtMsgLength || payload[0] is not (AF_INET or AF_INET6) || payload[7] != RTN_UNICAST)
        {
            return null;
        }
        var family = payload[0];
        uint table = payload[4];
        var destination = family == AF_INET ? IPAddress.Any : IPAddress.IPv6Any;
        IPAddress? gateway = null;
        var outgoing = 0;
        var attributes = new Attributes(payload[RtMsgLength..]);
        while (attributes.TryRead(out var type, out var value))
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
                    outgoing = BinaryPrimitives.ReadInt32LittleEndian(value);
                    break;
                case RTA_TABLE when value.Length >= 4:
                    table = BinaryPrimitives.ReadUInt32LittleEndian(value);
                    break;
            }
        }
        return table == RT_TABLE_MAIN ? new Route(outgoing, destination, payload[1], gateway) : null;
    }

    private delegate TItem? Parser<TItem>(ReadOnlySpan<byte> payload)
        where TItem : struct;

    /// <summary>One dump request for every family, its answers parsed until NLMSG_DONE; answers to other requests are skipped.</summary>
    private static List<TItem> Dump<TItem>(NetlinkSocket socket, byte[] buffer, ushort request, int bodyLength, ushort answer, Parser<TItem> parse)
        where TItem : struct
    {
        var sequence = (uint)Interlocked.Increment(ref s_sequence);
        Span<byte> message = stackalloc byte[NetlinkMessages.HeaderLength + bodyLength];
        message.Clear();
        NetlinkMessages.WriteHeader(message, request, NetlinkMessages.NLM_F_REQUEST | NetlinkMessages.NLM_F_DUMP, sequence);
        socket.Send(message);
        var items = new List<TItem>();
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
                if (reply.Sequence != sequence)
                {
                    continue;
                }
                switch (reply.Type)
                {
                    case NetlinkMessages.NLMSG_DONE:
                        return items;
                    case NetlinkMessages.NLMSG_ERROR:
                        throw new KernelCallException($"rtnetlink dump (request {request})", -reply.Error);
                    case var type when type == answer && parse(reply.Payload) is { } item:
                        items.Add(item);
                        break;
                }
            }
        }
    }

    private static IPAddress? Address(byte family, ReadOnlySpan<byte> value) => (family, value.Length) switch
    {
        (AF_INET, 4) or (AF_INET6, 16) => new IPAddress(value),
        _ => null,
    };

    private static string CString(ReadOnlySpan<byte> value)
    {
        var end = value.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? value : value[..end]);
    }

    private static string Hex(ReadOnlySpan<byte> value)
    {
        var text = new StringBuilder(value.Length * 3);
        foreach (var b in value)
        {
            text.Append(text.Length > 0 ? ":" : "").Append(b.ToString("x2", CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }

    /// <summary>A run of struct rtattr: (type, value) pairs, stopping at the first whose length is impossible.</summary>
    private ref struct Attributes(ReadOnlySpan<byte> rest)
    {
        private ReadOnlySpan<byte> _rest = rest;

        public bool TryRead(out ushort type, out ReadOnlySpan<byte> value)
        {
            type = 0;
            value = default;
            if (_rest.Length < 4)
            {
                return false;
            }
            var length = BinaryPrimitives.ReadUInt16LittleEndian(_rest);
            if (length < 4 || length > _rest.Length)
            {
                _rest = [];
                return false;
            }
            // NLA_F_NESTED and NLA_F_NET_BYTEORDER live in the top bits of the type.
            type = (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(_rest[2..]) & 0x3fff);
            value = _rest[4..length];
            var aligned = (length + 3) & ~3;
            _rest = aligned >= _rest.Length ? [] : _rest[aligned..];
            return true;
        }
    }
}

/// <summary>A network interface: its index, name, hardware (MAC) address if it has one, and whether it is up (IFF_UP).</summary>
internal readonly record struct Link(int Index, string Name, string? Hardware, bool Up);

/// <summary>An address on the interface of index <see cref="Index"/>, with its prefix length.</summary>
internal readonly record struct LinkAddress(int Index, IPAddress Address, int PrefixLength);

/// <summary>A route to <see cref="Destination"/>/<see cref="PrefixLength"/> out of interface <see cref="OutIndex"/> (0: none), through <see cref="Gateway"/> if any.</summary>
internal readonly record struct Route(int OutIndex, IPAddress Destination, int PrefixLength, IPAddress? Gateway);
