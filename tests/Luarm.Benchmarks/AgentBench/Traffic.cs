using System.Net;
using System.Net.Sockets;

namespace Luarm.Benchmarks.AgentBench;

/// <summary>
/// Short network activity from this process on loopback: TCP connections each closed as soon as
/// it is made (well within 20 ms), and UDP datagrams each sent from a fresh unconnected socket.
/// Each run listens on ports of its own so its rows can be told apart.
/// </summary>
public sealed class Traffic(int connections, int datagrams)
{
    public int Connections => connections;

    public int Datagrams => datagrams;

    public int TcpPort { get; private set; }

    public int UdpPort { get; private set; }

    public async Task RunAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(connections);
        TcpPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        UdpPort = ((IPEndPoint)receiver.LocalEndPoint!).Port;
        var accepting = AcceptAsync(listener);
        for (var i = 0; i < connections; i++)
        {
            await ConnectAndCloseAsync(TcpPort);
            await Task.Delay(5);
        }
        await accepting;
        var payload = new byte[] { 1 };
        for (var i = 0; i < datagrams; i++)
        {
            using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            await sender.SendToAsync(payload, new IPEndPoint(IPAddress.Loopback, UdpPort));
            await Task.Delay(5);
        }
    }

    public static async Task ConnectAndCloseAsync(int port)
    {
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(IPAddress.Loopback, port);
        client.Close();
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        for (var i = 0; i < connections; i++)
        {
            using var accepted = await listener.AcceptSocketAsync();
        }
    }
}
