using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Luarm.Agent.Tests.Support;
using Luarm.Cli;
using Luarm.Store.Access;
using Luarm.Store.Facts;
using Luarm.Testing;

namespace Luarm.Agent.Tests;

/// <summary>
/// <c>luarm agent</c> into a real embedded store: netinfo rows carry the names of their
/// addresses and the hashes of their process's executable, psinfo rows those of theirs;
/// with the host's resolver dead, rows still come at once, unnamed.
/// </summary>
public sealed class EnrichmentEndToEndTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("luarm-enrich-e2e-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task Stored_rows_carry_localhost_for_loopback_and_the_hashes_of_their_executables(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var program = Path.Combine(_folder.FullName, "enriched-sleep");
        File.Copy("/usr/bin/sleep", program);
        var config = Path.Combine(_folder.FullName, "luarm.yaml");
        // Rows wait up to 5 s for their hashes: on a loaded machine the default 200 ms can pass before a hash is done,
        // and the row then rightly goes without it (EnrichingSinkTests show that bound); here the pipeline is under test.
        await File.WriteAllTextAsync(config, $"store:\n  connection: \"{test.ConnectionString}\"\nagent:\n  collectors: [process, endpoint]\n  source: classic\n  poll_interval_ms: 100\n  spool: {_folder.FullName}/spool\n  enrich:\n    wait_ms: 5000\n");
        using var stop = new CancellationTokenSource();
        var error = new StringWriter();
        var agent = LuarmCli.RunAsync(["--config", config, "agent"], TextWriter.Null, TextWriter.Synchronized(error), stop.Token);
        await Eventually.True(() => error.ToString().Contains("agent running", StringComparison.Ordinal), "the agent started");

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        using var accepted = await listener.AcceptTcpClientAsync();
        using (var child = Process.Start(program, "0.5"))
        {
            await child.WaitForExitAsync();
        }

        var self = File.ResolveLinkTarget("/proc/self/exe", returnFinalTarget: true)!.FullName;
        await Eventually.True(async () => (await Rows<EndpointFact>(test.Store)).Any(e => e.DestPort == port && e.Pid == Environment.ProcessId), "the connection in the store");
        await Eventually.True(async () => (await Rows<ProcessFact>(test.Store)).Any(p => p.Exe == program), "the child in the store");
        stop.Cancel();
        Assert.Equal(0, await agent.WaitAsync(Eventually.Within));

        var connection = (await Rows<EndpointFact>(test.Store)).First(e => e.DestPort == port && e.Pid == Environment.ProcessId);
        Assert.Equal(("localhost", "localhost"), (connection.SourceFqdn, connection.DestFqdn));
        Assert.Equal((Shell.Digest("md5sum", self), Shell.Digest("sha256sum", self)), (connection.Md5Sum, connection.Sha256));
        var process = (await Rows<ProcessFact>(test.Store)).First(p => p.Exe == program);
        Assert.Equal((Shell.Digest("md5sum", program), Shell.Digest("sha256sum", program)), (process.Md5Sum, process.Sha256));
        Assert.Contains("info: rows wait at most 5000 ms for: reverse DNS (system resolver), executable hashes (up to 256 MiB)", error.ToString());
    }

    [Fact]
    public async Task With_the_hosts_resolver_dead_rows_are_stored_at_once_and_unnamed()
    {
        // The agent runs in a mount namespace of its own whose /etc/resolv.conf names a DNS
        // server that receives and never answers; the host's resolver is untouched.
        var address = IPAddress.Parse($"127.0.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(2, 250)}");
        using var dead = PtrResponder.Silent(address, port: 53);
        var resolvConf = Path.Combine(_folder.FullName, "resolv.conf");
        await File.WriteAllTextAsync(resolvConf, $"nameserver {address}\noptions timeout:30 attempts:1\n");
        await using var test = await TestStore.CreateAsync(StoreDialect.Sqlite);
        using var listener = new TcpListener(address, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        await using var agent = AgentInMountNamespace(resolvConf, _folder.FullName, "--store", test.ConnectionString, "agent", "--collectors", "endpoint", "--source", "classic", "--poll-interval-ms", "100", "--spool", _folder.FullName + "/spool");
        try
        {
            await Eventually.True(async () => (await Rows<EndpointFact>(test.Store)).Any(e => e.SourcePort == port), "the listening socket in the store");
            using var client = new TcpClient(new IPEndPoint(address, 0));
            var connected = Stopwatch.GetTimestamp();
            await client.ConnectAsync(address, port);
            await Eventually.True(async () => (await Rows<EndpointFact>(test.Store)).Any(e => e.DestPort == port), "the connection in the store");
            var stored = Stopwatch.GetElapsedTime(connected);

            var connection = (await Rows<EndpointFact>(test.Store)).First(e => e.DestPort == port);
            Assert.Equal((address.ToString(), null, null), (connection.DestIp, connection.SourceFqdn, connection.DestFqdn));
            Assert.True(dead.Questions > 0, "the agent never asked the dead server: the test proves nothing");
            // The poll (100 ms), the wait (200 ms) and the uploader's batching: far below the resolver's 30 s.
            Assert.True(stored < TimeSpan.FromSeconds(5), $"stored after {stored.TotalSeconds} s");
        }
        finally
        {
            await agent.StopAsync(TimeSpan.FromSeconds(20));
        }
        Assert.True(agent.ExitCode == 0, agent.Output);
    }

    /// <summary>luarm in a new mount namespace with <paramref name="resolvConf"/> as its /etc/resolv.conf.</summary>
    private static LuarmProcess AgentInMountNamespace(string resolvConf, string workingDirectory, params string[] arguments) =>
        LuarmProcess.StartUnder(
            ["unshare", "--mount", "--propagation", "private", "sh", "-c", "mount --bind \"$0\" /etc/resolv.conf && exec \"$@\"", resolvConf],
            workingDirectory, arguments);

    private static async Task<IReadOnlyList<T>> Rows<T>(FactStore store)
        where T : class => await new FactReader(store).ReadAfterAsync<T>(0, 100_000);
}
