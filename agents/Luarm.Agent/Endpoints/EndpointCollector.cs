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
/// </summary>
public sealed class EndpointCollector(EndpointOptions options, UserNames users, ILogger logger) : ICollector
{
    private static readonly (byte Family, byte Protocol)[] Dumps =
    [
        (InetDiag.AF_INET, InetDiag.IPPROTO_TCP),
        (InetDiag.AF_INET6, InetDiag.IPPROTO_TCP),
        (InetDiag.AF_INET, InetDiag.IPPROTO_UDP),
        (InetDiag.AF_INET6, InetDiag.IPPROTO_UDP),
    ];

    private readonly SocketOwners _owners = new();
    private readonly Dictionary<InetSocket, EndpointFact> _open = [];
    private readonly HashSet<InetSocket> _seen = [];
    private readonly byte[] _buffer = new byte[64 * 1024];
    private NetlinkSocket? _socket;
    private uint _sequence;

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
        foreach (var (gone, fact) in _open.Where(open => !_seen.Contains(open.Key)).ToArray())
        {
            _open.Remove(gone);
            _owners.Forget(gone.Inode);
            sink.Add(new EndpointEnd
            {
                Pid = fact.Pid,
                Transport = fact.Transport,
                SourceIp = fact.SourceIp,
                SourcePort = fact.SourcePort,
                DestIp = fact.DestIp,
                DestPort = fact.DestPort,
                Destroyed = now,
            });
        }
        var appeared = _seen.Where(socketSeen => !_open.ContainsKey(socketSeen)).ToArray();
        _owners.Resolve(appeared.Select(s => s.Inode));
        foreach (var socketSeen in appeared)
        {
            var fact = ToFact(socketSeen, _owners.Of(socketSeen.Inode), now);
            _open.Add(socketSeen, fact);
            sink.Add(fact);
        }
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
