using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Luarm.Agent.Interop;

/// <summary>
/// sock_diag for inet sockets (linux/inet_diag.h): a dump request
/// (struct inet_diag_req_v2) per family and protocol, answered by one
/// struct inet_diag_msg per socket.
/// </summary>
internal static class InetDiag
{
    public const byte AF_INET = 2;
    public const byte AF_INET6 = 10;
    public const byte IPPROTO_TCP = 6;
    public const byte IPPROTO_UDP = 17;
    private const ushort SOCK_DIAG_BY_FAMILY = 20;
    private const int RequestLength = 56;
    private const int MessageLength = 72;

    public static NetlinkSocket Open() => NetlinkSocket.Open(NetlinkSocket.NETLINK_SOCK_DIAG, groups: 0);

    /// <summary>Dumps every socket of one family and protocol, in every state, into <paramref name="found"/>.</summary>
    public static void Dump(NetlinkSocket socket, byte family, byte protocol, uint sequence, byte[] buffer, Action<InetSocket> found)
    {
        Span<byte> request = stackalloc byte[NetlinkMessages.HeaderLength + RequestLength];
        request.Clear();
        NetlinkMessages.WriteHeader(request, SOCK_DIAG_BY_FAMILY, NetlinkMessages.NLM_F_REQUEST | NetlinkMessages.NLM_F_DUMP, sequence);
        var body = request[NetlinkMessages.HeaderLength..];
        body[0] = family;
        body[1] = protocol;
        MemoryMarshal.Write(body[4..], uint.MaxValue); // idiag_states: all
        socket.Send(request);
        while (true)
        {
            var received = socket.Receive(buffer, TimeSpan.FromSeconds(5));
            if (received == 0)
            {
                throw new IOException($"sock_diag sent no answer within 5 s (family {family}, protocol {protocol})");
            }
            var messages = NetlinkMessages.Read(buffer.AsSpan(0, received));
            while (messages.TryRead(out var message))
            {
                switch (message.Type)
                {
                    case NetlinkMessages.NLMSG_DONE:
                        return;
                    case NetlinkMessages.NLMSG_ERROR:
                        throw new KernelCallException($"sock_diag dump (family {family}, protocol {protocol})", -message.Error);
                    case SOCK_DIAG_BY_FAMILY when message.Payload.Length >= MessageLength:
                        found(Parse(message.Payload, protocol));
                        break;
                }
            }
        }
    }

    private static InetSocket Parse(ReadOnlySpan<byte> message, byte protocol)
    {
        var family = message[0];
        var addressLength = family == AF_INET6 ? 16 : 4;
        return new InetSocket(
            protocol,
            family,
            message[1],
            BinaryPrimitives.ReadUInt16BigEndian(message[4..]),
            new PackedAddress(message.Slice(8, addressLength)),
            BinaryPrimitives.ReadUInt16BigEndian(message[6..]),
            new PackedAddress(message.Slice(24, addressLength)),
            MemoryMarshal.Read<uint>(message[64..]),
            MemoryMarshal.Read<uint>(message[68..]));
    }
}

/// <summary>Up to 16 address bytes held by value, so a socket's identity costs no allocation.</summary>
internal readonly record struct PackedAddress(UInt128 Value, byte Length)
{
    public PackedAddress(ReadOnlySpan<byte> address)
        : this(Pack(address), (byte)address.Length)
    {
    }

    public System.Net.IPAddress ToAddress()
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, Value);
        return new System.Net.IPAddress(bytes[(16 - Length)..]);
    }

    private static UInt128 Pack(ReadOnlySpan<byte> address)
    {
        Span<byte> bytes = stackalloc byte[16];
        bytes.Clear();
        address.CopyTo(bytes[(16 - address.Length)..]);
        return BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }
}

/// <summary>One socket from a sock_diag dump; <see cref="Inode"/> 0 means no process holds it any more.</summary>
internal readonly record struct InetSocket(
    byte Protocol,
    byte Family,
    byte State,
    ushort SourcePort,
    PackedAddress SourceAddress,
    ushort DestPort,
    PackedAddress DestAddress,
    uint Uid,
    uint Inode);
