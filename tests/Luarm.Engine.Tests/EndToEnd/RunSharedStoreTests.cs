using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Luarm.Engine.Tests.Cluster;
using Luarm.Testing;

namespace Luarm.Engine.Tests.EndToEnd;

/// <summary>
/// <c>luarm run</c> on SQLite keeps working while other processes use its store:
/// for about a minute a python3 sqlite3 client opens, queries, backs up and closes
/// the live store in a loop (what <c>luarm sql</c>, an examiner or a backup does).
/// Meanwhile IRC bots started one after another must each raise the shipped rule's
/// alert, and marker processes must each land in psinfo. The store's folder is
/// watched (luarm.yaml's agent.watch), so every client open is a fanotify event of the agent.
/// </summary>
[Collection(LuarmRunCollection.Name)]
public sealed class RunSharedStoreTests : IDisposable
{
    private const int Bots = 4;
    private const int Markers = 20;
    private static readonly TimeSpan ProbeFor = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    /// <summary>Bounded in time and count; prints WAL-GONE whenever a close left the live store without its -wal.</summary>
    private const string Probe = """
        import os, sqlite3, sys, time
        store, backup, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
        end, n = time.monotonic() + seconds, 0
        while time.monotonic() < end and n < 1000:
            c = sqlite3.connect(store, timeout=10)
            c.execute("select count(*) from psinfo").fetchone()
            target = sqlite3.connect(backup)
            c.backup(target)
            target.close()
            c.close()
            n += 1
            if not os.path.exists(store + "-wal"):
                print("WAL-GONE", n, flush=True)
            time.sleep(0.1)
        print("iterations", n, flush=True)
        """;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("luarm-run-shared-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task A_store_opened_queried_and_backed_up_by_another_process_for_a_minute_loses_nothing_and_alerts_go_on()
    {
        var store = Path.Combine(_folder.FullName, "luarm.db");
        var tag = Guid.NewGuid().ToString("N")[..12];
        var config = Path.Combine(_folder.FullName, "luarm.yaml");
        await File.WriteAllTextAsync(config, $"agent:\n  watch: [{_folder.FullName}]\n");
        await using var run = EngineNode.StartCommand(RepositoryPaths.Root, "run", "--store", store, "--config", config);
        await RunHelpers.WaitForAsync(run, "agent running", Within);
        // The agent's collectors are live once a process of ours is in psinfo (on a loaded machine that is later than its first line).
        // It lives 2 s, so its row has its arguments whether the exec event or the start snapshot records it.
        RunHelpers.Run("/bin/sh", "-c", "sleep 2", $"luarm-warmup-{tag}");
        Assert.Equal(1, await RunHelpers.CountProcessesAsync(store, $"luarm-warmup-{tag}", 1));
        using var ircServer = RunHelpers.ListenOnAnIrcPort();
        var port = ((IPEndPoint)ircServer.LocalEndpoint).Port;
        var accepting = AcceptAllAsync(ircServer);

        using var probe = StartProbe(store, Path.Combine(_folder.FullName, "backup.db"));
        var probeOutput = probe.StandardOutput.ReadToEndAsync();
        for (var marker = 0; marker < Markers; marker++)
        {
            RunHelpers.Run("/bin/sh", "-c", "sleep 0.3", $"luarm-marker-{tag}-{marker}");
            if (marker % (Markers / Bots) == 0)
            {
                RunBot(port, $"bot-{tag}-{marker / (Markers / Bots)}");
            }
            await Task.Delay((ProbeFor / Markers) - TimeSpan.FromMilliseconds(300));
        }

        Assert.True(probe.WaitForExit(Within), "the probe did not finish");
        var probed = await probeOutput;
        Assert.DoesNotContain("WAL-GONE", probed);
        Assert.Contains("iterations", probed);
        for (var bot = 0; bot < Bots; bot++)
        {
            await RunHelpers.WaitForAsync(run, $"bot-{tag}-{bot}", Within);
        }
        Assert.Equal(Markers, await RunHelpers.CountProcessesAsync(store, $"luarm-marker-{tag}-", Markers));
        Assert.DoesNotContain("SQLite error", run.Output);
        Assert.True(File.Exists(store + "-wal"), "the live store lost its -wal");
        ircServer.Stop();
        await accepting;
    }

    private static Process StartProbe(string store, string backup)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-c", Probe, store, backup, ProbeFor.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }
        return Process.Start(start)!;
    }

    /// <summary>A Perl script run by nobody from /tmp that connects to the IRC port: LUARM-IRC-001, its tag among the arguments.</summary>
    private static void RunBot(int port, string tag) =>
        RunHelpers.Run("su", "nobody", "-s", "/bin/sh", "-c",
            $"cd /tmp && exec /usr/bin/perl -MIO::Socket::INET -e 'my $s = IO::Socket::INET->new(q{{127.0.0.1:{port}}}) or die; sleep 3' {tag}");

    private static async Task AcceptAllAsync(TcpListener listener)
    {
        try
        {
            while (true)
            {
                using var client = await listener.AcceptTcpClientAsync();
            }
        }
        catch (Exception stopped) when (stopped is ObjectDisposedException or SocketException)
        {
            // The listener is disposed at the end of the test.
        }
    }
}
