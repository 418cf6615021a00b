using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Luarm.Agent.Interop;

/// <summary>
/// An AF_NETLINK datagram socket bound to multicast groups of one netlink family
/// (connector, sock_diag, kobject uevent). It lives in the network namespace of
/// the thread that opens it.
/// </summary>
internal sealed class NetlinkSocket : IDisposable
{
    public const int NETLINK_SOCK_DIAG = 4;
    public const int NETLINK_AUDIT = 9;
    public const int NETLINK_CONNECTOR = 11;
    public const int NETLINK_KOBJECT_UEVENT = 15;

    private const int AddressLength = 12;
    private readonly KernelDescriptor _descriptor;

    private NetlinkSocket(KernelDescriptor descriptor) => _descriptor = descriptor;

    /// <param name="receiveBuffer">Bytes the kernel may queue for us before it drops (ENOBUFS).</param>
    public static unsafe NetlinkSocket Open(int protocol, uint groups, int receiveBuffer = 4 << 20)
    {
        var descriptor = KernelDescriptor.Take(Libc.socket(Libc.AF_NETLINK, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, protocol), "socket(AF_NETLINK)");
        try
        {
            // SO_RCVBUFFORCE passes the rmem_max cap (root); fall back to the capped size.
            if (Libc.setsockopt(descriptor.Fd, Libc.SOL_SOCKET, Libc.SO_RCVBUFFORCE, &receiveBuffer, sizeof(int)) != 0)
            {
                Libc.setsockopt(descriptor.Fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF, &receiveBuffer, sizeof(int));
            }
            Span<byte> address = stackalloc byte[AddressLength];
            address.Clear();
            BinaryPrimitives.WriteUInt16LittleEndian(address, Libc.AF_NETLINK);
            MemoryMarshal.Write(address[8..], in groups);
            fixed (byte* pointer = address)
            {
                if (Libc.bind(descriptor.Fd, pointer, AddressLength) != 0)
                {
                    throw KernelCallException.FromLastError($"bind(netlink protocol {protocol}, groups {groups})");
                }
            }
            return new NetlinkSocket(descriptor);
        }
        catch
        {
            descriptor.Dispose();
            throw;
        }
    }

    public unsafe void Send(ReadOnlySpan<byte> message)
    {
        fixed (byte* pointer = message)
        {
            if (Libc.send(_descriptor.Fd, pointer, (nuint)message.Length, 0) < 0)
            {
                throw KernelCallException.FromLastError("send(netlink)");
            }
        }
    }

    /// <summary>
    /// One datagram into <paramref name="buffer"/>, or 0 when none arrived within
    /// <paramref name="wait"/>. Throws with errno ENOBUFS when the kernel dropped messages.
    /// When it had to wait, it waits <paramref name="gather"/> more once a datagram is
    /// there, so that the ones sent together (an exec's records) are read in one wake
    /// of the reader, not one each: a wake per record was most of the agent's CPU in an exec storm.
    /// </summary>
    public int Receive(Span<byte> buffer, TimeSpan wait, TimeSpan gather = default)
    {
        // A busy socket is read without polling first: one system call per datagram, not two.
        var received = TryReceive(buffer);
        if (received > 0 || !_descriptor.WaitReadable(wait))
        {
            return received;
        }
        if (gather > TimeSpan.Zero)
        {
            Thread.Sleep(gather);
        }
        return TryReceive(buffer);
    }

    /// <summary>One datagram if one is queued, else 0; never waits.</summary>
    private unsafe int TryReceive(Span<byte> buffer)
    {
        fixed (byte* pointer = buffer)
        {
            var received = Libc.recv(_descriptor.Fd, pointer, (nuint)buffer.Length, Libc.MSG_DONTWAIT);
            if (received < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                return errno is Libc.EINTR or Libc.EAGAIN ? 0 : throw new KernelCallException("recv(netlink)", errno);
            }
            return (int)received;
        }
    }

    public void Dispose() => _descriptor.Dispose();
}
