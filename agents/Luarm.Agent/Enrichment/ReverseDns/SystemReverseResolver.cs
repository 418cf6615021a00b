using System.Net;
using System.Runtime.InteropServices;
using Luarm.Agent.Interop;

namespace Luarm.Agent.Enrichment.ReverseDns;

/// <summary>
/// The host's own resolver: getnameinfo(3) with NI_NAMEREQD, so /etc/hosts, nsswitch and
/// /etc/resolv.conf give the name the host itself would give, and no name is an error, not
/// the address's text. Not <c>Dns.GetHostEntryAsync</c>: for an address it also looks the
/// name up forwards and fails when that fails, dropping PTR names without an A record.
/// getnameinfo cannot be cancelled: it returns after resolv.conf's timeout × attempts per
/// server at the latest.
/// </summary>
internal sealed class SystemReverseResolver : IReverseResolver
{
    public unsafe string? Resolve(IPAddress address)
    {
        // On Linux a SocketAddress holds the native sockaddr_in / sockaddr_in6 bytes.
        var socketAddress = new IPEndPoint(address, 0).Serialize();
        var native = socketAddress.Buffer.Span[..socketAddress.Size];
        var host = stackalloc byte[Libc.NI_MAXHOST];
        fixed (byte* sockaddr = native)
        {
            if (Libc.getnameinfo(sockaddr, native.Length, host, Libc.NI_MAXHOST, null, 0, Libc.NI_NAMEREQD) != 0)
            {
                return null;
            }
        }
        return Marshal.PtrToStringUTF8((nint)host);
    }
}
