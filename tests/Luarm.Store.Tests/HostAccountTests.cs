using Luarm.Store.Access;
using Luarm.Store.Ends;
using Luarm.Store.Errors;
using Luarm.Store.Facts;
using Luarm.Store.Hosts;
using Luarm.Store.Tests.Hosts;
using Luarm.Testing;
using MySqlConnector;

namespace Luarm.Store.Tests;

/// <summary>What a host's MariaDB account may and may not do, tried against the real server.</summary>
public sealed class HostAccountTests : IAsyncLifetime
{
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
    public async Task A_host_appends_facts_and_the_server_stamps_its_own_hostid_over_a_forged_one()
    {
        var agent = FactStore.Open(_web01.AgentConnection!);

        await new FactWriter(agent).AppendAsync([Process(hostId: _db01.HostId), Process(hostId: 999)]);
        await new FactWriter(agent).AppendAsync([new EndpointFact
        {
            HostId = _db01.HostId, Transport = "tcp", SourceIp = "127.0.0.1", DestIp = "127.0.0.2", DestPort = 6667,
            IpVersion = 4, Username = "nobody", Pid = 1, Application = "crond", Created = T0,
        }]);

        var processes = await new FactReader(_test.Store).ReadAfterAsync<ProcessFact>(0, 10);
        var endpoints = await new FactReader(_test.Store).ReadAfterAsync<EndpointFact>(0, 10);
        Assert.Equal([_web01.HostId, _web01.HostId], processes.Select(p => p.HostId));
        Assert.Equal(_web01.HostId, Assert.Single(endpoints).HostId);
    }

    [Theory]
    [InlineData("select * from psinfo")]
    [InlineData("select count(*) from netinfo")]
    [InlineData("update psinfo set username = 'root'")]
    [InlineData("delete from netinfo")]
    [InlineData("select * from alerts")]
    [InlineData("insert into alerts (alertkey, ruleid, severity, hostid, firstseen, lastseen, message, tags) values ('k', 'r', 'low', 1, now(), now(), '', '')")]
    [InlineData("select * from watermarks")]
    [InlineData("update watermarks set lastid = 0")]
    [InlineData("select * from hosts")]
    [InlineData("insert into hosts (hostname, added) values ('evil', now())")]
    [InlineData("drop table psinfo")]
    [InlineData("create table mine (x int)")]
    public async Task A_host_account_is_refused_anything_but_appending(string statement)
    {
        await new FactWriter(_test.Store).AppendAsync([Process(hostId: _db01.HostId)]);
        await using var agent = new MySqlConnection(_web01.AgentConnection);
        await agent.OpenAsync();
        await using var command = new MySqlCommand(statement, agent);

        var refused = await Assert.ThrowsAsync<MySqlException>(() => command.ExecuteNonQueryAsync());

        Assert.Contains(refused.ErrorCode, new[] { MySqlErrorCode.TableAccessDenied, MySqlErrorCode.ColumnAccessDenied, MySqlErrorCode.DatabaseAccessDenied });
        var stored = Assert.Single(await new FactReader(_test.Store).ReadAfterAsync<ProcessFact>(0, 10));
        Assert.Equal(("nobody", _db01.HostId), (stored.Username, stored.HostId));
    }

    [Fact]
    public async Task A_host_ends_its_own_process_without_update_rights_but_cannot_end_another_hosts()
    {
        await new FactWriter(_test.Store).AppendAsync([Process(hostId: _web01.HostId), Process(hostId: _db01.HostId)]);
        var agent = FactStore.Open(_web01.AgentConnection!);

        // Claims to be db01; the server stamps web01, so only web01's process ends.
        await new FactWriter(agent).AppendAsync([new ProcessEnd { HostId = _db01.HostId, Pid = 29312, Destroyed = T0.AddMinutes(1) }]);

        var rows = await new FactReader(_test.Store).ReadAfterAsync<ProcessFact>(0, 10);
        Assert.Equal(T0.AddMinutes(1), rows.Single(r => r.HostId == _web01.HostId).Destroyed);
        Assert.Null(rows.Single(r => r.HostId == _db01.HostId).Destroyed);
    }

    [Fact]
    public async Task A_removed_host_can_no_longer_connect_and_its_facts_stay()
    {
        var agent = FactStore.Open(_web01.AgentConnection!);
        await new FactWriter(agent).AppendAsync([Process(hostId: 0)]);

        Assert.True(await new HostRegistry(_test.Store).RemoveAsync("web01"));

        var refused = await Assert.ThrowsAsync<StoreException>(() => new FactWriter(agent).AppendAsync([Process(hostId: 0)]));
        Assert.Contains("refused user", refused.Message);
        Assert.Single(await new FactReader(_test.Store).ReadAfterAsync<ProcessFact>(0, 10));
        Assert.DoesNotContain(await new HostRegistry(_test.Store).ListAsync(), h => h.Hostname == "web01");
    }

    [Fact]
    public async Task A_migration_that_adds_a_table_grants_it_to_existing_hosts()
    {
        var account = (await new HostRegistry(_test.Store).FindAsync("web01"))!.Account;
        var database = new MySqlConnectionStringBuilder(_test.ConnectionString).Database;
        // As if web01 had been added before the device end table existed.
        await new SqlQuery(_test.Store).RunAsync($"REVOKE INSERT ON {database}.hwend FROM '{account}'@'%'");
        await new SqlQuery(_test.Store).RunAsync("DELETE FROM schemaversion WHERE version = 7");
        var agent = FactStore.Open(_web01.AgentConnection!);
        var end = new DeviceEnd { DevBus = "usb", DevString = "x", Destroyed = T0 };
        await Assert.ThrowsAsync<StoreException>(() => new FactWriter(agent).AppendAsync([end]));

        await new Schema.Migrator(_test.Store).MigrateAsync();

        Assert.Equal(1, await new FactWriter(agent).AppendAsync([end]));
    }

    [Fact]
    public async Task Adding_a_registered_host_again_is_refused()
    {
        var again = await Assert.ThrowsAsync<StoreException>(() => new HostRegistry(_test.Store).AddAsync("web01"));
        Assert.Contains("already registered", again.Message);
    }

    /// <summary>The Perl bot of the 2011 incident, claiming <paramref name="hostId"/>.</summary>
    internal static ProcessFact Process(int hostId) => new()
    {
        HostId = hostId,
        Username = "nobody",
        Pid = 29312,
        Ppid = 8343,
        Command = "/usr/bin/perl",
        Arguments = "./x",
        Cwd = "/tmp",
        Created = T0,
    };
}
