using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Luarm.Agent.Tests.Support;

/// <summary>
/// A loopback port in front of MariaDB that, the first time a client sends
/// COMMIT, forwards it, lets the server commit, and then drops the connection
/// before the server's OK reaches the client: a commit whose acknowledgement is
/// lost, as when the network fails at the worst moment.
/// </summary>
public sealed class CommitCutter : IDisposable
{
    /// <summary>The MySQL protocol packet of the text query "commit" (length 7, sequence 0, COM_QUERY), as MySqlConnector sends it.</summary>
    private static readonly byte[] CommitPacket = [7, 0, 0, 0, 3, .. Encoding.ASCII.GetBytes("commit")];

    private readonly int _targetPort;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private int _cuts;

    public CommitCutter(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        _ = LoopbackAccept.EachAsync(_listener, ForwardAsync, _stop.Token);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Commits whose acknowledgement was dropped so far.</summary>
    public int Cuts => Volatile.Read(ref _cuts);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
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
                using var cut = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                var replies = server.GetStream().CopyToAsync(client.GetStream(), cut.Token);
                var buffer = new byte[64 * 1024];
                var requests = client.GetStream();
                int read;
                while ((read = await requests.ReadAsync(buffer, cut.Token)) > 0)
                {
                    var isCommit = buffer.AsSpan(0, read).IndexOf(CommitPacket) >= 0;
                    if (isCommit && Interlocked.CompareExchange(ref _cuts, 1, 0) == 0)
                    {
                        // Stop relaying replies first, so the OK never reaches the client.
                        await cut.CancelAsync();
                        await server.GetStream().WriteAsync(buffer.AsMemory(0, read), _stop.Token);
                        // Time for the server to commit before it sees the connection go.
                        await Task.Delay(500, _stop.Token);
                        return;
                    }
                    await server.GetStream().WriteAsync(buffer.AsMemory(0, read), cut.Token);
                }
                await replies;
            }
            catch (Exception closed) when (closed is OperationCanceledException or IOException or SocketException)
            {
                // Either side went away.
            }
        }
    }
}
