using System.Runtime.InteropServices;

namespace Luarm.Agent.Interop;

/// <summary>struct nlmsghdr: writing a request header and walking the messages of a datagram.</summary>
internal static class NetlinkMessages
{
    public const int HeaderLength = 16;
    public const ushort NLMSG_ERROR = 2;
    public const ushort NLMSG_DONE = 3;
    public const ushort NLM_F_REQUEST = 0x1;
    public const ushort NLM_F_ACK = 0x4;
    public const ushort NLM_F_DUMP = 0x300;

    public static void WriteHeader(Span<byte> message, ushort type, ushort flags, uint sequence)
    {
        var length = (uint)message.Length;
        MemoryMarshal.Write(message, in length);
        MemoryMarshal.Write(message[4..], in type);
        MemoryMarshal.Write(message[6..], in flags);
        MemoryMarshal.Write(message[8..], in sequence);
        MemoryMarshal.Write(message[12..], 0u);
    }

    public static Reader Read(ReadOnlySpan<byte> datagram) => new(datagram);

    /// <summary>The errno of an NLMSG_ERROR too short to carry one.</summary>
    private const int EBADMSG = 74;

    /// <summary>One netlink message: its type, the sequence number of the request it answers, and the payload after the header.</summary>
    public readonly ref struct Message(ushort type, uint sequence, ReadOnlySpan<byte> payload)
    {
        public ushort Type { get; } = type;
        public uint Sequence { get; } = sequence;
        public ReadOnlySpan<byte> Payload { get; } = payload;

        /// <summary>The negative errno of an NLMSG_ERROR (0 is an acknowledgement); -EBADMSG when the payload cannot hold one.</summary>
        public int Error => Payload.Length >= 4 ? MemoryMarshal.Read<int>(Payload) : -EBADMSG;
    }

    public ref struct Reader(ReadOnlySpan<byte> datagram)
    {
        private ReadOnlySpan<byte> _rest = datagram;

        public bool TryRead(out Message message)
        {
            message = default;
            if (_rest.Length < HeaderLength)
            {
                return false;
            }
            var length = (int)MemoryMarshal.Read<uint>(_rest);
            if (length < HeaderLength || length > _rest.Length)
            {
                return false;
            }
            message = new Message(MemoryMarshal.Read<ushort>(_rest[4..]), MemoryMarshal.Read<uint>(_rest[8..]), _rest[HeaderLength..length]);
            var aligned = (length + 3) & ~3;
            _rest = aligned >= _rest.Length ? [] : _rest[aligned..];
            return true;
        }
    }
}
