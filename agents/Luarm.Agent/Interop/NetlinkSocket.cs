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
    /// </summary>
    public unsafe int Receive(Span<byte> buffer, TimeSpan wait)
    {
        if (!_descriptor.WaitReadable(wait))
        {
            return 0;
        }
        fixed (byte* pointer = buffer)
        {
            var received = Libc.recv(_descriptor.Fd, pointer, (nuint)buffer.Length, 0);
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
