using Luarm.Agent.Host;
using Luarm.Agent.Interop;
using Luarm.Agent.Pipeline;
using Luarm.Store.Ends;
using Luarm.Store.Facts;
using Microsoft.Extensions.Logging;

namespace Luarm.Agent.Endpoints;

/// <summary>
/// Network endpoints from sock_diag dumps of TCP and UDP over IPv4 and IPv6,
/// polled: a socket not seen before becomes an <see cref="EndpointFact"/>, one
/// that disappeared an <see cref="EndpointEnd"/>.
/// When the audit collector records sockets (<paramref name="auditRecordsSockets"/>),
/// only the sockets of the first poll, made before audit saw anything, are rows
/// here; later ones get only their end, named as audit's row of them is (see <see cref="EndOf"/>),
/// so one connection is one row, ended.
/// </summary>
public sealed class EndpointCollector(EndpointOptions options, UserNames users, ILogger logger, bool auditRecordsSockets = false) : ICollector
{
    private static readonly (byte Family, byte Protocol)[] Dumps =
    [
        (InetDiag.AF_INET, InetDiag.IPPROTO_TCP),
        (InetDiag.AF_INET6, InetDiag.IPPROTO_TCP),
        (InetDiag.AF_INET, InetDiag.IPPROTO_UDP),
        (InetDiag.AF_INET6, InetDiag.IPPROTO_UDP),
    ];

    private readonly SocketOwners _owners = new();
    private readonly Dictionary<InetSocket, EndpointEnd> _open = [];
    private readonly HashSet<InetSocket> _seen = [];
    private readonly byte[] _buffer = new byte[64 * 1024];
    private NetlinkSocket? _socket;
    private uint _sequence;
    private bool _polled;

    public string Name => "endpoint";

    public void Open() => _socket = InetDiag.Open();

    public void Run(IFactSink sink, CancellationToken cancel)
    {
        var socket = _socket ?? throw new InvalidOperationException("Open the endpoint collector before running it");
        do
        {
            try
            {
                Poll(socket, sink);
            }
            catch (IOException failure)
            {
                logger.LogWarning("endpoint poll failed, trying again next interval: {Reason}", failure.Message);
            }
        }
        while (!cancel.WaitHandle.WaitOne(options.PollInterval));
    }

    public void Dispose() => _socket?.Dispose();

    private void Poll(NetlinkSocket socket, IFactSink sink)
    {
        _seen.Clear();
        foreach (var (family, protocol) in Dumps)
        {
            // Inode 0: no process holds the socket any more (TIME_WAIT, orphans); its end was already seen.
            InetDiag.Dump(socket, family, protocol, ++_sequence, _buffer, found =>
            {
                if (found.Inode != 0)
                {
                    _seen.Add(found with { State = 0 });
                }
            });
        }
        var now = DateTime.UtcNow;
        foreach (var (gone, end) in _open.Where(open => !_seen.Contains(open.Key)).ToArray())
        {
            _open.Remove(gone);
            _owners.Forget(gone.Inode);
            end.Destroyed = now;
            sink.Add(end);
        }
        var appeared = _seen.Where(socketSeen => !_open.ContainsKey(socketSeen)).ToArray();
        _owners.Resolve(appeared.Select(s => s.Inode));
        var recorded = !auditRecordsSockets || !_polled;
        foreach (var socketSeen in appeared)
        {
            var fact = ToFact(socketSeen, _owners.Of(socketSeen.Inode), now);
            _open.Add(socketSeen, EndOf(fact, recorded));
            if (recorded)
            {
                sink.Add(fact);
            }
        }
        _polled = true;
    }

    /// <summary>
    /// The end that names the row of <paramref name="fact"/>: its own when recorded here; else audit's,
    /// which for a connected socket (a peer port) has no source (the records carry none) and for a
    /// listening one is what sock_diag shows.
    /// </summary>
    private static EndpointEnd EndOf(EndpointFact fact, bool recorded)
    {
        var fromAudit = !recorded && fact.DestPort != 0;
        return new EndpointEnd
        {
            Pid = fact.Pid,
            Transport = fact.Transport,
            SourceIp = fromAudit ? "" : fact.SourceIp,
            SourcePort = fromAudit ? 0 : fact.SourcePort,
            DestIp = fact.DestIp,
            DestPort = fact.DestPort,
        };
    }

    private EndpointFact ToFact(InetSocket socket, SocketOwner owner, DateTime created)
    {
        var source = socket.SourceAddress.ToAddress();
        var destination = socket.DestAddress.ToAddress();
        // A dual-stack socket talking IPv4 shows ::ffff:a.b.c.d; examiners query the IPv4 address.
        var ipv4 = socket.Family == InetDiag.AF_INET || source.IsIPv4MappedToIPv6;
        return new EndpointFact
        {
            Transport = socket.Protocol == InetDiag.IPPROTO_TCP ? "tcp" : "udp",
            SourceIp = (source.IsIPv4MappedToIPv6 ? source.MapToIPv4() : source).ToString(),
            SourcePort = socket.SourcePort,
            DestIp = (destination.IsIPv4MappedToIPv6 ? destination.MapToIPv4() : destination).ToString(),
            DestPort = socket.DestPort,
            IpVersion = ipv4 ? 4 : 6,
            Uid = (int)socket.Uid,
            Username = users.Of((int)socket.Uid),
            Pid = owner.Pid,
            Application = owner.Application,
            LoginUid = owner.Login.LoginUid,
            LoginName = owner.Login.NameIn(users),
            SessionId = owner.Login.SessionId,
            Created = created,
        };
    }
}
