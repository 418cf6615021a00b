using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Luarm.Engine.Tests.Cluster;
using Luarm.Testing;

namespace Luarm.Engine.Tests.EndToEnd;

/// <summary>What the <c>luarm run</c> tests share: an IRC port to connect bots to, and waiting for the run's output.</summary>
internal static class RunHelpers
{
    /// <summary>A listener on the first free port of 6660-6670 on loopback, the ports LUARM-IRC-001 watches.</summary>
    public static TcpListener ListenOnAnIrcPort()
    {
        foreach (var port in Enumerable.Range(6660, 11))
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            try
            {
                listener.Start();
                return listener;
            }
            catch (SocketException)
            {
                listener.Dispose();
            }
        }
        throw new InvalidOperationException("every IRC port 6660-6670 on 127.0.0.1 is taken");
    }

    public static async Task WaitForAsync(LuarmProcess run, string text, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (!run.Output.Contains(text, StringComparison.Ordinal))
        {
            Assert.True(clock.Elapsed < within, $"'{text}' not printed by luarm run within {within}; it printed:\n{run.Output}");
            await Task.Delay(200);
        }
    }
}
