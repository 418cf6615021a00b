using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Luarm.Engine.Tests.Cluster;
using Luarm.Testing;
using Microsoft.Data.Sqlite;

namespace Luarm.Engine.Tests.EndToEnd;

/// <summary>What the <c>luarm run</c> tests share: an IRC port to connect bots to, running programs, and waiting for the run's output and rows.</summary>
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

    /// <summary>Runs <paramref name="program"/> to its end (30 s at most).</summary>
    public static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), $"{program} did not finish");
    }

    /// <summary>Distinct processes in psinfo whose arguments hold <paramref name="marker"/>, waiting (bounded) until there are <paramref name="expected"/>.</summary>
    public static async Task<int> CountProcessesAsync(string store, string marker, int expected)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            await using var connection = new SqliteConnection($"Data Source={store};Mode=ReadOnly;Pooling=False");
            await connection.OpenAsync();
            await using var count = connection.CreateCommand();
            count.CommandText = "SELECT COUNT(DISTINCT arguments) FROM psinfo WHERE arguments LIKE $pattern";
            count.Parameters.AddWithValue("$pattern", $"%{marker}%");
            var found = Convert.ToInt32(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
            if (found >= expected || clock.Elapsed > TimeSpan.FromSeconds(20))
            {
                return found;
            }
            await Task.Delay(500);
        }
    }
}
