using System.Net;
using System.Net.Sockets;

namespace Luarm.Agent.Tests.Support;

/// <summary>
/// A loopback port in front of a server that the test switches on and off: while
/// off, connections are refused, as from a server that is down.
/// </summary>
public sealed class TcpForwarder : IDisposable
{
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private TcpListener? _listener;

    public TcpForwarder(int targetPort)
    {
        _targetPort = targetPort;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    public int Port { get; }

    public void Start()
    {
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Start();
        _ = LoopbackAccept.EachAsync(_listener, ForwardAsync, _stop.Token);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener?.Stop();
        _stop.Dispose();
    }

    private async Task ForwardAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
                await Task.WhenAny(
                    client.GetStream().CopyToAsync(server.GetStream(), _stop.Token),
                    server.GetStream().CopyToAsync(client.GetStream(), _stop.Token));
            }
            catch (Exception closed) when (closed is OperationCanceledException or IOException or SocketException)
            {
                // Either side went away; the test is what matters.
            }
        }
    }
}
