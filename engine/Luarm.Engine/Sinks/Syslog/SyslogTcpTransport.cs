using System.Net.Security;
using System.Net.Sockets;

namespace Luarm.Engine.Sinks.Syslog;

/// <summary>
/// RFC 6587 (TCP) or, with <paramref name="tls"/>, RFC 5425 (TLS): one kept-open
/// connection, octet-counted frames. TCP has no receipts, so the transport checks
/// the connection is still open before each write: a collector that restarted
/// gets the message on a new connection instead of it vanishing into a dead one.
/// </summary>
/// <param name="tls">The trust and the certificate name to expect, or null for plain TCP.</param>
internal sealed class SyslogTcpTransport(string host, int port, TimeSpan timeout, (TlsTrust Trust, string ServerName)? tls) : ISyslogTransport
{
    private Connection? _connection;

    public async Task SendAsync(byte[] message, CancellationToken cancel)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(timeout);
        try
        {
            if (_connection is { IsOpen: false })
            {
                await DropAsync();
            }
            _connection ??= await ConnectAsync(deadline.Token);
            await _connection.Stream.WriteAsync(OctetCountingFraming.Frame(message), deadline.Token);
            await _connection.Stream.FlushAsync(deadline.Token);
        }
        catch
        {
            await DropAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => new(DropAsync());

    private async Task<Connection> ConnectAsync(CancellationToken cancel)
    {
        var client = new TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync(host, port, cancel);
            Stream stream = client.GetStream();
            if (tls is var (trust, serverName))
            {
                var secure = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = secure;
                await secure.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                {
                    TargetHost = serverName,
                    RemoteCertificateValidationCallback = trust.Validate,
                }, cancel);
            }
            return new Connection(client, stream);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private async Task DropAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.DisposeAsync();
        }
    }

    private sealed class Connection : IAsyncDisposable
    {
        private readonly TcpClient _client;
        private readonly Task _closed;

        public Connection(TcpClient client, Stream stream)
        {
            _client = client;
            Stream = stream;
            _closed = DrainAsync(stream);
        }

        public Stream Stream { get; }

        /// <summary>
        /// A collector never sends data: the drain ends when it closed the connection
        /// (FIN, TLS close_notify, reset), and a readable socket with nothing to read
        /// is a FIN the drain has not seen yet.
        /// </summary>
        public bool IsOpen
        {
            get
            {
                var socket = _client.Client;
                return !_closed.IsCompleted && !(socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0);
            }
        }

        public async ValueTask DisposeAsync()
        {
            _client.Dispose();
            await Stream.DisposeAsync();
            await _closed;
        }

        /// <summary>Reads whatever arrives (TLS session tickets are consumed inside the stream) until the connection ends.</summary>
        private static async Task DrainAsync(Stream stream)
        {
            var buffer = new byte[512];
            try
            {
                while (await stream.ReadAsync(buffer) > 0)
                {
                }
            }
            catch (Exception error) when (error is IOException or ObjectDisposedException or OperationCanceledException)
            {
                // The connection ended; IsOpen tells the next send.
            }
        }
    }
}
