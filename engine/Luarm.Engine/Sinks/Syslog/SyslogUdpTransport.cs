using System.Net.Sockets;

namespace Luarm.Engine.Sinks.Syslog;

/// <summary>RFC 5426: one datagram per message. Nothing confirms receipt, so a collector that is down loses what is sent meanwhile.</summary>
internal sealed class SyslogUdpTransport(string host, int port) : ISyslogTransport
{
    private UdpClient? _client;

    public async Task SendAsync(byte[] message, CancellationToken cancel)
    {
        try
        {
            // Connected, so an ICMP "port unreachable" from a dead collector fails a later send instead of passing silently.
            _client ??= new UdpClient(host, port);
            await _client.SendAsync(message, cancel);
        }
        catch
        {
            _client?.Dispose();
            _client = null;
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        _client?.Dispose();
        return ValueTask.CompletedTask;
    }
}
