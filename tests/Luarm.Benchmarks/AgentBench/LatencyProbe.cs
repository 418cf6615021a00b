using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Luarm.Benchmarks.AgentBench;

/// <summary>Milliseconds from an exec or a connect to the poll (every 20 ms) that finds its row committed in the agent's store; null when none came within 10 s.</summary>
public sealed record LatencyResult(IReadOnlyList<double?> ExecMs, IReadOnlyList<double?> ConnectMs);

/// <summary>
/// Exec and connect samples one at a time, 100 ms apart, while a poller queries the store: each
/// process has a marker and an index of its own, each connection a listening port of its own.
/// </summary>
public static class LatencyProbe
{
    private static readonly TimeSpan Gap = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    public static async Task<LatencyResult> MeasureAsync(AgentRecorder agent, int execSamples, int connectSamples)
    {
        var marker = $"luarmlat{Guid.NewGuid():N}"[..16];
        var exec = await TimeAsync(execSamples, async i =>
        {
            using var process = Process.Start(Storm.Program, [marker, i.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await process.WaitForExitAsync();
            return i;
        }, async () => [.. (await agent.ArgumentsLikeAsync(marker)).Select(a => int.Parse(a.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture))]);
        var listeners = Enumerable.Range(0, connectSamples).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToList();
            var connect = await TimeAsync(connectSamples, async i =>
            {
                await Traffic.ConnectAndCloseAsync(ports[i]);
                return ports[i];
            }, async () => await agent.ConnectedPortsAsync(ports));
            return new LatencyResult(exec, connect);
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    /// <param name="act">Does sample i; returns the key its row will carry.</param>
    /// <param name="seen">The keys whose rows are committed so far.</param>
    private static async Task<IReadOnlyList<double?>> TimeAsync(int samples, Func<int, Task<int>> act, Func<Task<IReadOnlyList<int>>> seen)
    {
        var clock = Stopwatch.StartNew();
        var started = new ConcurrentDictionary<int, TimeSpan>();
        var found = new ConcurrentDictionary<int, TimeSpan>();
        var done = 0;
        var poller = Task.Run(async () =>
        {
            var quietSince = (TimeSpan?)null;
            while (true)
            {
                foreach (var key in await seen())
                {
                    found.TryAdd(key, clock.Elapsed);
                }
                if (Volatile.Read(ref done) == 1 && (found.Count >= samples || (quietSince ??= clock.Elapsed) + Limit < clock.Elapsed))
                {
                    return;
                }
                await Task.Delay(Poll);
            }
        });
        var keys = new List<int>();
        for (var i = 0; i < samples; i++)
        {
            var at = clock.Elapsed;
            var key = await act(i);
            started[key] = at;
            keys.Add(key);
            await Task.Delay(Gap);
        }
        Volatile.Write(ref done, 1);
        await poller;
        return [.. keys.Select(k => found.TryGetValue(k, out var at) ? (double?)(at - started[k]).TotalMilliseconds : null)];
    }
}
