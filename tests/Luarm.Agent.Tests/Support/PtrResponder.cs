using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Luarm.Agent.Tests.Support;

/// <summary>
/// A DNS server on a loopback UDP port that answers PTR questions with the raw labels a
/// test gives, any bytes at all (what a hostile reverse zone can send), NXDOMAIN for an
/// address it was not given, and counts the questions. <see cref="Silent"/> makes one that
/// receives and never answers: a dead resolver.
/// </summary>
public sealed class PtrResponder : IDisposable
{
    private readonly UdpClient _socket;
    private readonly Dictionary<string, byte[][]> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _stop = new();
    private readonly bool _answers;
    private int _questions;

    private PtrResponder(IPAddress address, int port, bool answers)
    {
        _socket = new UdpClient(new IPEndPoint(address, port));
        _answers = answers;
        _ = ServeAsync();
    }

    public IPEndPoint Endpoint => (IPEndPoint)_socket.Client.LocalEndPoint!;

    public int Questions => Volatile.Read(ref _questions);

    public static PtrResponder Answering(IPAddress address) => new(address, 0, answers: true);

    /// <param name="port">53 for a server named in a resolv.conf, which cannot name a port.</param>
    public static PtrResponder Silent(IPAddress address, int port = 0) => new(address, port, answers: false);

    /// <summary>Answers the PTR question for <paramref name="address"/> with these labels, byte for byte.</summary>
    public PtrResponder Name(IPAddress address, params byte[][] labels)
    {
        lock (_names)
        {
            _names[ReverseName(address)] = labels;
        }
        return this;
    }

    public PtrResponder Name(IPAddress address, string name) =>
        Name(address, [.. name.Split('.').Select(Encoding.UTF8.GetBytes)]);

    private static string ReverseName(IPAddress address) =>
        string.Join('.', address.GetAddressBytes().Reverse()) + ".in-addr.arpa";

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult query;
            try
            {
                query = await _socket.ReceiveAsync(_stop.Token);
            }
            catch (Exception stopped) when (stopped is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            Interlocked.Increment(ref _questions);
            if (_answers)
            {
                await _socket.SendAsync(Answer(query.Buffer), query.RemoteEndPoint);
            }
        }
    }

    private byte[] Answer(byte[] query)
    {
        var (question, name) = Question(query);
        byte[][]? labels;
        lock (_names)
        {
            labels = _names.GetValueOrDefault(name);
        }
        var reply = new List<byte>();
        reply.AddRange(query.AsSpan(0, 2).ToArray());
        // QR, RD, RA; rcode 3 (NXDOMAIN) without a name.
        reply.AddRange(labels is null ? [0x81, 0x83] : [0x81, 0x80]);
        reply.AddRange([0, 1, 0, labels is null ? (byte)0 : (byte)1, 0, 0, 0, 0]);
        reply.AddRange(question);
        if (labels is not null)
        {
            var data = labels.SelectMany(label => new[] { (byte)label.Length }.Concat(label)).Append((byte)0).ToArray();
            // The question's name by pointer, PTR, IN, TTL 60, then the name as labels.
            reply.AddRange([0xC0, 0x0C, 0, 12, 0, 1, 0, 0, 0, 60]);
            reply.AddRange(BitConverter.GetBytes(BinaryPrimitives.ReverseEndianness((ushort)data.Length)));
            reply.AddRange(data);
        }
        return [.. reply];
    }

    /// <summary>The question section as sent (name, type, class) and its name as text.</summary>
    private static (byte[] Section, string Name) Question(byte[] query)
    {
        var labels = new List<string>();
        var at = 12;
        while (query[at] != 0)
        {
            labels.Add(Encoding.ASCII.GetString(query, at + 1, query[at]));
            at += query[at] + 1;
        }
        return (query[12..(at + 5)], string.Join('.', labels));
    }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
    }
}
