using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Luarm.Engine.Tests.EndToEnd;

/// <summary>
/// Just enough of an IRC server on 127.0.0.1:6667 (6670 when taken) for a bot to
/// register and join: welcomes a client after NICK and USER, answers PING and JOIN.
/// The first client that gave its pid as USER's real name is reported by <see cref="BotPid"/>.
/// Disposing closes every connection, which ends the bot.
/// </summary>
internal sealed partial class FakeIrcServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly TaskCompletionSource<int> _joined = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<TcpClient> _clients = [];
    private readonly Task _accepting;

    private FakeIrcServer(TcpListener listener)
    {
        _listener = listener;
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The pid the bot named in USER, once it joined a channel.</summary>
    public Task<int> BotPid => _joined.Task;

    public static FakeIrcServer Start()
    {
        foreach (var port in new[] { 6667, 6670 })
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            try
            {
                listener.Start();
                return new FakeIrcServer(listener);
            }
            catch (SocketException)
            {
                listener.Dispose();
            }
        }
        throw new InvalidOperationException("127.0.0.1:6667 and 127.0.0.1:6670 are both taken");
    }

    public void Dispose()
    {
        _listener.Stop();
        lock (_clients)
        {
            _clients.ForEach(client => client.Dispose());
        }
        _accepting.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync();
                lock (_clients)
                {
                    _clients.Add(client);
                }
                _ = ServeAsync(client);
            }
        }
        catch (Exception stopped) when (stopped is ObjectDisposedException or SocketException)
        {
            // Stopped by Dispose.
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        try
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.Latin1);
            await using var writer = new StreamWriter(stream, Encoding.Latin1) { NewLine = "\r\n", AutoFlush = true };
            var (nick, pid) = ("*", 0);
            while (await reader.ReadLineAsync() is { } line)
            {
                var words = line.Split(' ', 2);
                var rest = words.Length > 1 ? words[1] : "";
                switch (words[0].ToUpperInvariant())
                {
                    case "NICK":
                        nick = rest.Trim();
                        break;
                    case "USER":
                        pid = RealName().Match(rest) is { Success: true } name && int.TryParse(name.Groups[1].Value, out var given) ? given : 0;
                        await writer.WriteLineAsync($":irc.test 001 {nick} :Welcome to the test network {nick}");
                        break;
                    case "PING":
                        await writer.WriteLineAsync($":irc.test PONG irc.test {rest}");
                        break;
                    case "JOIN":
                        await writer.WriteLineAsync($":{nick}!bot@127.0.0.1 JOIN {rest}");
                        await writer.WriteLineAsync($":irc.test 366 {nick} {rest} :End of /NAMES list.");
                        _joined.TrySetResult(pid);
                        break;
                }
            }
        }
        catch (Exception closed) when (closed is IOException or ObjectDisposedException)
        {
            // The bot left, or Dispose closed it.
        }
    }

    [GeneratedRegex(@":(\d+)\s*$")]
    private static partial Regex RealName();
}
