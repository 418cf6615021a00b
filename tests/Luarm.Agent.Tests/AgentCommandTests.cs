using System.Diagnostics;
using Luarm.Agent.Tests.Support;
using Luarm.Cli;
using Luarm.Store.Access;
using Luarm.Store.Facts;
using Luarm.Store.Hosts;
using Luarm.Store.Inventory;
using Luarm.Testing;

namespace Luarm.Agent.Tests;

/// <summary><c>luarm agent</c> end to end: real collectors into a real embedded store.</summary>
[Collection(AuditKernel.Name)]
public sealed class AgentCommandTests : IDisposable
{
    private readonly DirectoryInfo _spool = Directory.CreateTempSubdirectory("luarm-agent-spool-");

    public void Dispose() => _spool.Delete(recursive: true);

    [Theory]
    [InlineData("classic", "the process connector")]
    [InlineData("audit", "audit (exits from the process connector)")]
    public async Task The_agent_records_a_new_process_into_the_store_under_its_registered_host_until_stopped(string source, string processSource)
    {
        await using var test = await TestStore.CreateAsync(StoreDialect.Sqlite);
        using var stop = new CancellationTokenSource();
        var error = new StringWriter();
        var agent = LuarmCli.RunAsync(
            ["--store", test.ConnectionString, "agent", "--collectors", "process,endpoint", "--source", source, "--spool", _spool.FullName],
            TextWriter.Null, TextWriter.Synchronized(error), stop.Token);

        await Eventually.True(async () => (await Processes(test.Store)).Any(p => p.Pid == Environment.ProcessId), "the snapshot in the store");
        var marker = "luarm-agent-" + Guid.NewGuid().ToString("N");
        using (var child = Process.Start("/bin/sh", ["-c", $": {marker}; sleep 0.2"])!)
        {
            child.WaitForExit();
        }
        await Eventually.True(async () => (await Processes(test.Store)).Any(p => p.Arguments.Contains(marker) && p.Destroyed is not null), "the child, ended, in the store");
        stop.Cancel();

        Assert.Equal(0, await agent.WaitAsync(Eventually.Within));
        var host = await new HostRegistry(test.Store).FindAsync(Environment.MachineName);
        Assert.All(await Processes(test.Store), p => Assert.Equal(host!.HostId, p.HostId));
        Assert.Contains("info: agent running: process, endpoint", error.ToString());
        Assert.Contains($"info: process facts from {processSource}", error.ToString());
    }

    [Fact]
    public async Task An_unknown_collector_is_one_line_and_a_usage_error()
    {
        await using var test = await TestStore.CreateAsync(StoreDialect.Sqlite);
        var error = new StringWriter();

        var exit = await LuarmCli.RunAsync(["--store", test.ConnectionString, "agent", "--collectors", "process,keyboard", "--spool", _spool.FullName], TextWriter.Null, error);

        Assert.Equal(2, exit);
        Assert.Equal("luarm: --collectors: no collector named keyboard; choose from process, endpoint, file, device, login, hostinfo, userinfo, groupinfo, netint, netroute\n", error.ToString());
    }

    [Fact]
    public async Task The_agent_creates_a_fresh_embedded_store_and_runs_as_its_luarm_yaml_section_says()
    {
        var folder = Directory.CreateTempSubdirectory("luarm-agent-fresh-");
        try
        {
            var path = Path.Combine(folder.FullName, "new", "luarm.db");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var config = Path.Combine(folder.FullName, "luarm.yaml");
            await File.WriteAllTextAsync(config, $"store:\n  connection: {path}\nagent:\n  collectors: [process]\n  source: classic\n  spool: {_spool.FullName}\n");
            using var stop = new CancellationTokenSource();
            var error = new StringWriter();
            var agent = LuarmCli.RunAsync(["--config", config, "agent"], TextWriter.Null, TextWriter.Synchronized(error), stop.Token);

            // Migrated before the collectors start, so reading is safe once the agent says it runs.
            await Eventually.True(() => error.ToString().Contains("agent running", StringComparison.Ordinal), "the agent started");
            var store = FactStore.Open(path);
            await Eventually.True(async () => (await Processes(store)).Any(p => p.Pid == Environment.ProcessId), "this process in the new store");
            stop.Cancel();

            Assert.Equal(0, await agent.WaitAsync(Eventually.Within));
            Assert.Contains($"info: agent running: process into SQLite file {path}", error.ToString());
            Assert.DoesNotContain("no such table", error.ToString());
            Assert.Empty(Directory.GetFiles(_spool.FullName, "*.jsonl"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_inventory_and_the_devices_present_at_start_reach_the_store()
    {
        await using var test = await TestStore.CreateAsync(StoreDialect.Sqlite);
        using var stop = new CancellationTokenSource();
        var error = new StringWriter();
        var agent = LuarmCli.RunAsync(
            ["--store", test.ConnectionString, "agent", "--collectors", "device,hostinfo,userinfo,groupinfo,netint,netroute", "--spool", _spool.FullName],
            TextWriter.Null, TextWriter.Synchronized(error), stop.Token);
        var reader = new FactReader(test.Store);

        await Eventually.True(async () => (await reader.ReadAfterAsync<DeviceFact>(0, 10_000)).Any(d => d.DevBus == "net" && d.DevString.StartsWith("lo ", StringComparison.Ordinal)), "the loopback device");
        await Eventually.True(async () => (await reader.ReadAfterAsync<HostInventory>(0, 10)).Any(h => h.Hostname == Shell.Run("hostname")), "the host");
        await Eventually.True(async () => (await reader.ReadAfterAsync<UserAccount>(0, 10_000)).Any(u => u.Username == "root" && u.Uid == 0), "root");
        await Eventually.True(async () => (await reader.ReadAfterAsync<UserGroup>(0, 10_000)).Any(g => g.GroupName == "root" && g.Gid == 0), "group root");
        await Eventually.True(async () => (await reader.ReadAfterAsync<NetInterface>(0, 10_000)).Any(i => i.IntName == "lo" && i.Ip == "127.0.0.1" && i.Subnet == "255.0.0.0"), "the loopback address");
        await Eventually.True(async () => (await reader.ReadAfterAsync<NetRoute>(0, 10_000)).Count > 0, "a route");
        stop.Cancel();

        Assert.Equal(0, await agent.WaitAsync(Eventually.Within));
        Assert.Contains("info: agent running: device, hostinfo, userinfo, groupinfo, netint, netroute", error.ToString());
        // Stopping is not an end: the next run's start ends what this one saw.
        Assert.Null(Assert.Single(await reader.ReadAfterAsync<UserAccount>(0, 10_000), u => u.Username == "root").Destroyed);
    }

    private static async Task<IReadOnlyList<ProcessFact>> Processes(FactStore store) =>
        await new FactReader(store).ReadAfterAsync<ProcessFact>(0, 100_000);
}
