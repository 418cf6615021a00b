using System.Diagnostics;
using System.Text;
using Luarm.Store.Access;
using Luarm.Store.Ends;
using Luarm.Store.Facts;
using Luarm.Store.Hosts;
using Luarm.Testing;
using MySqlConnector;

namespace Luarm.Store.Tests.Hosts;

/// <summary>One host's open transaction never makes another host's appends wait (real MariaDB).</summary>
public sealed class HostIsolationTests : IAsyncLifetime
{
    private const int HeldEnds = 32_768;
    private static readonly DateTime T0 = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
    private TwoHosts _hosts = null!;
    private TestStore _test = null!;
    private HostRegistration _web01 = null!;
    private HostRegistration _db01 = null!;

    public async Task InitializeAsync()
    {
        _hosts = await TwoHosts.CreateAsync();
        (_test, _web01, _db01) = (_hosts.Test, _hosts.Web01, _hosts.Db01);
    }

    public async Task DisposeAsync() => await _hosts.DisposeAsync();

    [Fact]
    public async Task A_host_holding_32768_uncommitted_ends_does_not_delay_another_hosts_appends()
    {
        await new FactWriter(FactStore.Open(_web01.AgentConnection!)).AppendAsync(Processes(HeldEnds));
        await new FactWriter(FactStore.Open(_db01.AgentConnection!)).AppendAsync(Processes(HeldEnds));
        // db01 registered later: its rows sort right after web01's in every (hostid, ...) index.
        await using var held = new MySqlConnection(_db01.AgentConnection);
        await held.OpenAsync();
        await using var open = await held.BeginTransactionAsync();
        await EndAllAsync(held, open, HeldEnds);

        var web01 = new FactWriter(FactStore.Open(_web01.AgentConnection!));
        // Each append is its own transaction; a lock wait would last innodb_lock_wait_timeout (50 s).
        await AssertCommitsWithinASecondAsync(() => web01.AppendAsync(Processes(100, firstPid: HeldEnds + 1)));
        await AssertCommitsWithinASecondAsync(() => web01.AppendAsync(
            Enumerable.Range(HeldEnds - 99, 100).Select(pid => new ProcessEnd { Pid = pid, Destroyed = T0.AddMinutes(1) }).ToArray()));
        await AssertCommitsWithinASecondAsync(() => web01.AppendAsync([new EndpointFact
        {
            Transport = "tcp", SourceIp = "10.0.0.2", SourcePort = 40000, DestIp = "10.0.0.3", DestPort = 22,
            IpVersion = 4, Username = "nobody", Pid = HeldEnds + 1, Application = "ssh", Created = T0,
        }]));
        await AssertCommitsWithinASecondAsync(() => web01.AppendAsync([new EndpointEnd
        {
            Pid = HeldEnds + 1, Transport = "tcp", SourceIp = "10.0.0.2", SourcePort = 40000, DestIp = "10.0.0.3", DestPort = 22, Destroyed = T0.AddMinutes(1),
        }]));
        await AssertCommitsWithinASecondAsync(() => web01.AppendAsync([new DeviceFact { DevBus = "usb", DevString = "stick", Created = T0 }]));
        await AssertCommitsWithinASecondAsync(() => web01.AppendAsync([new DeviceEnd { DevBus = "usb", DevString = "stick", Destroyed = T0.AddMinutes(1) }]));
        await AssertCommitsWithinASecondAsync(() => web01.AppendAsync([new LoginFact { Username = "alice", Tty = "pts/0", Pid = HeldEnds + 1, Created = T0 }]));
        await AssertCommitsWithinASecondAsync(() => web01.AppendAsync([new LoginEnd { Pid = HeldEnds + 1, Tty = "pts/0", Destroyed = T0.AddMinutes(1) }]));

        await open.CommitAsync();
        var processes = await new FactReader(_test.Store).ReadAfterAsync<ProcessFact>(0, 3 * HeldEnds);
        Assert.Equal(HeldEnds, processes.Count(p => p.HostId == _db01.HostId && p.Destroyed is not null));
        Assert.Equal(100, processes.Count(p => p.HostId == _web01.HostId && p.Destroyed is not null));
        Assert.NotNull(Assert.Single(await new FactReader(_test.Store).ReadAfterAsync<EndpointFact>(0, 10)).Destroyed);
        Assert.NotNull(Assert.Single(await new FactReader(_test.Store).ReadAfterAsync<DeviceFact>(0, 10)).Destroyed);
        var login = Assert.Single(await new FactReader(_test.Store).ReadAfterAsync<LoginFact>(0, 10));
        Assert.Equal((_web01.HostId, T0.AddMinutes(1)), (login.HostId, login.Destroyed));
    }

    [Fact]
    public async Task Migrating_a_store_with_open_facts_fences_its_hosts_and_their_ends_still_apply()
    {
        var web01 = new FactWriter(FactStore.Open(_web01.AgentConnection!));
        await web01.AppendAsync(Processes(3));
        await web01.AppendAsync([new DeviceFact { DevBus = "usb", DevString = "stick", Created = T0 }]);
        // As before 0011: no fences and no open-fact rows.
        var admin = new SqlQuery(_test.Store);
        foreach (var table in new[] { "psopen", "netopen", "hwopen" })
        {
            await admin.RunAsync($"DELETE FROM {table}");
        }
        await admin.RunAsync("DELETE FROM schemaversion WHERE version = 11");

        await new Schema.Migrator(_test.Store).MigrateAsync();

        var fences = await admin.RunAsync("SELECT hostid, edge FROM psopen WHERE edge <> 1 ORDER BY hostid, edge");
        Assert.Equal([(_web01.HostId, 0), (_web01.HostId, 2), (_db01.HostId, 0), (_db01.HostId, 2)],
            fences.Rows.Select(r => (Convert.ToInt32(r[0]), Convert.ToInt32(r[1]))));
        await web01.AppendAsync([new ProcessEnd { Pid = 2, Destroyed = T0.AddMinutes(1) }]);
        await web01.AppendAsync([new DeviceEnd { DevBus = "usb", DevString = "stick", Destroyed = T0.AddMinutes(1) }]);
        var processes = await new FactReader(_test.Store).ReadAfterAsync<ProcessFact>(0, 10);
        Assert.Equal([null, T0.AddMinutes(1), null], processes.Select(p => p.Destroyed));
        Assert.Equal(T0.AddMinutes(1), Assert.Single(await new FactReader(_test.Store).ReadAfterAsync<DeviceFact>(0, 10)).Destroyed);
    }

    private static async Task AssertCommitsWithinASecondAsync(Func<Task> append)
    {
        var clock = Stopwatch.StartNew();
        await append();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"web01 waited {clock.Elapsed} for db01's open transaction");
    }

    private static ProcessFact[] Processes(int count, int firstPid = 1) =>
        Enumerable.Range(firstPid, count).Select(pid => new ProcessFact
        {
            Username = "nobody",
            Pid = pid,
            Ppid = 1,
            Command = "/usr/bin/sleep",
            Arguments = "60",
            Created = T0,
        }).ToArray();

    private static async Task EndAllAsync(MySqlConnection connection, MySqlTransaction transaction, int count)
    {
        for (var first = 1; first <= count; first += 1000)
        {
            var text = new StringBuilder("INSERT INTO psend (hostid, pid, created, destroyed) VALUES ");
            var last = Math.Min(count, first + 999);
            for (var pid = first; pid <= last; pid++)
            {
                text.Append(pid == first ? "" : ",").Append($"(0, {pid}, NULL, '2026-01-02 03:05:05')");
            }
            await using var insert = new MySqlCommand(text.ToString(), connection, transaction);
            await insert.ExecuteNonQueryAsync();
        }
        // Ends of an endpoint, a device and a login db01 never reported: the search still scans and locks.
        await using var others = new MySqlCommand("""
            INSERT INTO netend (hostid, pid, transport, sourceip, sourceport, destip, destport, destroyed)
              VALUES (0, 99999, 'tcp', '10.0.0.9', 1, '10.0.0.8', 2, '2026-01-02 03:05:05');
            INSERT INTO hwend (hostid, devbus, devstring, destroyed) VALUES (0, 'usb', 'stick', '2026-01-02 03:05:05');
            INSERT INTO loginend (hostid, pid, tty, created, destroyed) VALUES (0, 99999, 'pts/0', NULL, '2026-01-02 03:05:05')
            """, connection, transaction);
        await others.ExecuteNonQueryAsync();
    }
}
