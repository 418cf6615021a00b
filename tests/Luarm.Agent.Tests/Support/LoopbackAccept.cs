using System.Net.Sockets;

namespace Luarm.Agent.Tests.Support;

/// <summary>The accept loop of the test forwarders: each client is handed on until the listener or the token stops.</summary>
internal static class LoopbackAccept
{
    public static async Task EachAsync(TcpListener listener, Func<TcpClient, Task> handle, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop);
            }
            catch (Exception stopped) when (stopped is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = handle(client);
        }
    }
}
