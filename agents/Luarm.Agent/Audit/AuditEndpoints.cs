using Luarm.Store.Facts;

namespace Luarm.Agent.Audit;

/// <summary>
/// Endpoints from socket calls. The records name no socket type, so the type
/// comes from the calls that make sockets: <c>socket()</c> (audited for AF_INET
/// and AF_INET6 only) and <c>accept</c>, remembered per pid and descriptor
/// (bounded, <see cref="Remembered"/>), with the address a <c>bind</c> gave it.
/// <list type="bullet">
/// <item>connect, accept, and sendto/sendmsg with an address: a row to the peer; tcp or udp by the socket's type.
/// A socket made before the agent started or in another process (inherited, passed) has no known type:
/// a connect is then taken for tcp, a send with an address for udp (unless MSG_FASTOPEN, a TCP connect).</item>
/// <item>listen: a listening row as sock_diag writes one (local address, the family's any address, port 0);
/// a bind of a UDP socket to a port likewise, that being how a UDP service listens.</item>
/// </list>
/// A send with an address on a TCP socket that is not a fast open is not a row: the kernel ignores that address.
/// Raw, ICMP and other inet sockets are not rows (sock_diag lists only TCP and UDP either).
/// </summary>
internal sealed class AuditEndpoints
{
    public const int Remembered = 65536;
    private const long EINPROGRESS = -115;
    private const ulong AF_INET = 2;
    private const ulong AF_INET6 = 10;
    private const ulong SOCK_STREAM = 1;
    private const ulong SOCK_DGRAM = 2;
    private const ulong SOCK_TYPE_MASK = 0xf;
    private const ulong IPPROTO_TCP = 6;
    private const ulong IPPROTO_UDP = 17;
    private const ulong IPPROTO_MPTCP = 262;
    private const ulong MSG_FASTOPEN = 0x20000000;

    private readonly BoundedTable<(int Pid, int Fd), KnownSocket> _sockets = new(Remembered);

    public IEnumerable<object> Of(string call, AuditEvent auditEvent, AuditSubject subject) => call switch
    {
        "socket" => Created(subject),
        "bind" => Bound(auditEvent, subject),
        "listen" => Listening(auditEvent, subject),
        "accept" or "accept4" => Accepted(auditEvent, subject),
        "connect" or "sendto" or "sendmsg" => Sent(call, auditEvent, subject),
        _ => [],
    };

    private IEnumerable<object> Created(AuditSubject subject)
    {
        if (subject.ReturnedDescriptor is { } fd && subject.Arguments is [{ } domain and (AF_INET or AF_INET6), { } type, { } protocol, ..])
        {
            var transport = (type & SOCK_TYPE_MASK, protocol) switch
            {
                (SOCK_STREAM, 0 or IPPROTO_TCP or IPPROTO_MPTCP) => "tcp",
                (SOCK_DGRAM, 0 or IPPROTO_UDP) => "udp",
                _ => "",
            };
            _sockets.Set((subject.Pid, fd), new KnownSocket(transport, null));
        }
        return [];
    }

    private IEnumerable<object> Bound(AuditEvent auditEvent, AuditSubject subject)
    {
        if (!subject.Succeeded || subject.Descriptor(0) is not { } fd || PeerOf(auditEvent) is not { } local)
        {
            yield break;
        }
        var known = _sockets.TryGetValue((subject.Pid, fd), out var socket) ? socket : new KnownSocket(null, null);
        _sockets.Set((subject.Pid, fd), known with { Bound = local });
        // Port 0 asks for an ephemeral port, which the records do not tell: a client's, whose sends are rows.
        if (known.Transport == "udp" && local.Port != 0)
        {
            yield return ListeningRow("udp", local, subject, auditEvent.Time);
        }
    }

    /// <summary>A listen on a socket bound while the agent ran; one bound earlier, or to port 0, has no known address and is not a row.</summary>
    private IEnumerable<object> Listening(AuditEvent auditEvent, AuditSubject subject)
    {
        if (subject.Succeeded && subject.Descriptor(0) is { } fd && _sockets.TryGetValue((subject.Pid, fd), out var socket)
            && socket is { Transport: "tcp" or null, Bound: { Port: not 0 } local })
        {
            yield return ListeningRow("tcp", local, subject, auditEvent.Time);
        }
    }

    private IEnumerable<object> Accepted(AuditEvent auditEvent, AuditSubject subject)
    {
        if (subject.ReturnedDescriptor is not { } fd)
        {
            yield break;
        }
        var listener = subject.Descriptor(0) is { } listening && _sockets.TryGetValue((subject.Pid, listening), out var known) ? known.Transport : null;
        var transport = listener is null or "tcp" ? "tcp" : "";
        _sockets.Set((subject.Pid, fd), new KnownSocket(transport, null));
        if (transport == "tcp" && PeerOf(auditEvent) is { } peer)
        {
            yield return PeerRow(transport, peer, subject, auditEvent.Time);
        }
    }

    private IEnumerable<object> Sent(string call, AuditEvent auditEvent, AuditSubject subject)
    {
        var connectInProgress = call == "connect" && subject.Exit == EINPROGRESS;
        if ((!subject.Succeeded && !connectInProgress) || PeerOf(auditEvent) is not { } peer)
        {
            yield break;
        }
        var flags = call switch
        {
            "sendto" => subject.Arguments[3] ?? 0,
            "sendmsg" => subject.Arguments[2] ?? 0,
            _ => 0UL,
        };
        var fastOpen = (flags & MSG_FASTOPEN) != 0;
        var descriptor = subject.Descriptor(0);
        var socket = descriptor is { } fd && _sockets.TryGetValue((subject.Pid, fd), out var seen) ? seen : null;
        var known = socket?.Transport;
        var transport = (call, known) switch
        {
            ("connect", _) => known ?? "tcp",
            (_, "tcp") => fastOpen ? "tcp" : "",
            (_, null) => fastOpen ? "tcp" : "udp",
            _ => known,
        };
        if (transport is not ("tcp" or "udp"))
        {
            yield break;
        }
        if (call == "connect" && descriptor is { } connecting)
        {
            // A non-blocking connect (EINPROGRESS) is called again once it completes, and succeeds: one connection, one row.
            if (socket?.Connected == peer)
            {
                yield break;
            }
            _sockets.Set((subject.Pid, connecting), (socket ?? new KnownSocket(null, null)) with { Connected = peer });
        }
        yield return PeerRow(transport, peer, subject, auditEvent.Time);
    }

    private static SocketAddress? PeerOf(AuditEvent auditEvent) => SocketAddress.Parse(auditEvent.First(AuditRecordType.SocketAddress)?["saddr"]);

    /// <summary>The address in the record is the peer: the destination of a connect or send, the client of an accept; the records have no source.</summary>
    private static EndpointFact PeerRow(string transport, SocketAddress peer, AuditSubject subject, DateTime at) =>
        Row(transport, "", 0, peer.Ip.ToString(), peer.Port, peer.IpVersion, subject, at);

    /// <summary>As sock_diag shows a listening socket: the local address, and the family's any address with port 0 as the destination.</summary>
    private static EndpointFact ListeningRow(string transport, SocketAddress local, AuditSubject subject, DateTime at) =>
        Row(transport, local.Ip.ToString(), local.Port, local.Inet6 ? "::" : "0.0.0.0", 0, local.IpVersion, subject, at);

    private static EndpointFact Row(string transport, string sourceIp, int sourcePort, string destIp, int destPort, int ipVersion, AuditSubject subject, DateTime at) => new()
    {
        Transport = transport,
        SourceIp = sourceIp,
        SourcePort = sourcePort,
        DestIp = destIp,
        DestPort = destPort,
        IpVersion = ipVersion,
        Pid = subject.Pid,
        Uid = subject.Uid,
        Username = subject.Username,
        Application = subject.Comm,
        LoginUid = subject.LoginUid,
        LoginName = subject.LoginName,
        SessionId = subject.SessionId,
        Created = at,
    };

    /// <summary>What is known of one descriptor's socket: "tcp", "udp", "" (another inet type) or null (not seen made); the address bound.</summary>
    private sealed record KnownSocket(string? Transport, SocketAddress? Bound)
    {
        /// <summary>The peer of the connect recorded on it.</summary>
        public SocketAddress? Connected { get; init; }
    }
}
