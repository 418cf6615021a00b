using Luarm.Store.Access;
using Luarm.Store.Ends;
using Luarm.Store.Facts;
using Luarm.Testing;

namespace Luarm.Store.Tests;

/// <summary>Ends are appended, never updated by the agent, and applied by the server.</summary>
public sealed class EndRecordTests
{
    private static readonly DateTime T0 = new(2011, 2, 5, 7, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task A_process_end_closes_the_newest_running_instance_of_a_reused_pid(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var writer = new FactWriter(test.Store);
        await writer.AppendAsync([
            Process(pid: 500, host: 1, T0, destroyed: T0.AddMinutes(1)),
            Process(pid: 500, host: 1, T0.AddMinutes(5)),
            Process(pid: 500, host: 2, T0.AddMinutes(5)),
        ]);

        await writer.AppendAsync([new ProcessEnd { HostId = 1, Pid = 500, Destroyed = T0.AddMinutes(9) }]);

        var rows = await new FactReader(test.Store).ReadAfterAsync<ProcessFact>(0, 10);
        Assert.Equal(T0.AddMinutes(1), rows[0].Destroyed);
        Assert.Equal(T0.AddMinutes(9), rows[1].Destroyed);
        Assert.Null(rows[2].Destroyed);
        var split = (await new SqlQuery(test.Store).RunAsync($"select dhour, dmin from psinfo where psentity = {rows[1].PsEntity}")).Rows.Single();
        Assert.Equal((7, 9), (Convert.ToInt32(split[0]), Convert.ToInt32(split[1])));
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task A_process_end_with_a_start_time_closes_exactly_that_instance(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var writer = new FactWriter(test.Store);
        await writer.AppendAsync([Process(pid: 77, host: 1, T0), Process(pid: 77, host: 1, T0.AddMinutes(2))]);

        await writer.AppendAsync([new ProcessEnd { HostId = 1, Pid = 77, Created = T0, Destroyed = T0.AddMinutes(3) }]);

        var rows = await new FactReader(test.Store).ReadAfterAsync<ProcessFact>(0, 10);
        Assert.Equal(T0.AddMinutes(3), rows[0].Destroyed);
        Assert.Null(rows[1].Destroyed);
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task An_endpoint_end_closes_the_matching_connection_only(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var writer = new FactWriter(test.Store);
        await writer.AppendAsync([Endpoint(sourcePort: 32767), Endpoint(sourcePort: 32768)]);

        await writer.AppendAsync([new EndpointEnd
        {
            HostId = 1, Pid = 29312, Transport = "tcp", SourceIp = "192.0.2.10", SourcePort = 32768,
            DestIp = "85.121.125.74", DestPort = 6670, Destroyed = T0.AddSeconds(30),
        }]);

        var rows = await new FactReader(test.Store).ReadAfterAsync<EndpointFact>(0, 10);
        Assert.Null(rows[0].Destroyed);
        Assert.Equal(T0.AddSeconds(30), rows[1].Destroyed);
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task A_device_end_closes_the_newest_attached_device_of_that_description(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var writer = new FactWriter(test.Store);
        await writer.AppendAsync([
            new DeviceFact { HostId = 1, DevBus = "usb", DevString = "SanDisk Cruzer 4C53", Created = T0 },
            new DeviceFact { HostId = 1, DevBus = "usb", DevString = "Logitech Keyboard", Created = T0 },
        ]);

        await writer.AppendAsync([new DeviceEnd { HostId = 1, DevBus = "usb", DevString = "SanDisk Cruzer 4C53", Destroyed = T0.AddMinutes(3) }]);

        var rows = await new FactReader(test.Store).ReadAfterAsync<DeviceFact>(0, 10);
        Assert.Equal(T0.AddMinutes(3), rows[0].Destroyed);
        Assert.Null(rows[1].Destroyed);
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task A_login_end_closes_the_session_of_that_leader_on_that_terminal(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var writer = new FactWriter(test.Store);
        await writer.AppendAsync([
            Login(pid: 900, tty: "pts/0", T0),
            Login(pid: 900, tty: "pts/1", T0),
            Login(pid: 901, tty: "pts/0", T0.AddMinutes(1)),
        ]);

        await writer.AppendAsync([new LoginEnd { HostId = 1, Pid = 900, Tty = "pts/0", Created = T0, Destroyed = T0.AddMinutes(30) }]);

        var rows = await new FactReader(test.Store).ReadAfterAsync<LoginFact>(0, 10);
        Assert.Equal([T0.AddMinutes(30), null, null], rows.Select(r => r.Destroyed));
    }

    private static LoginFact Login(int pid, string tty, DateTime created) => new()
    {
        HostId = 1,
        Username = "alice",
        Uid = 1001,
        Tty = tty,
        RemoteHost = "10.0.0.9",
        SessionId = 3,
        Pid = pid,
        Created = created,
    };

    private static ProcessFact Process(int pid, int host, DateTime created, DateTime? destroyed = null) => new()
    {
        HostId = host,
        Username = "nobody",
        Pid = pid,
        Ppid = 1,
        Command = "/usr/bin/perl",
        Arguments = "./x",
        Created = created,
        Destroyed = destroyed,
    };

    private static EndpointFact Endpoint(int sourcePort) => new()
    {
        HostId = 1,
        Transport = "tcp",
        SourceIp = "192.0.2.10",
        SourcePort = sourcePort,
        DestIp = "85.121.125.74",
        DestPort = 6670,
        IpVersion = 4,
        Username = "nobody",
        Pid = 29312,
        Application = "crond",
        Created = T0,
    };
}
