using Luarm.Store.Access;
using Luarm.Store.Ends;
using Luarm.Store.Inventory;
using Luarm.Testing;

namespace Luarm.Store.Tests;

/// <summary>Inventory rows are closed by appended ends (migration 0017), as processes and devices are.</summary>
public sealed class InventoryEndTests
{
    private static readonly DateTime T0 = new(2011, 2, 5, 7, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task An_end_closes_exactly_the_row_it_names_of_that_host(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var writer = new FactWriter(test.Store);
        var removed = Address(host: 1, "10.0.0.5");
        await writer.AppendAsync([removed, Address(host: 1, "10.0.0.6"), Address(host: 2, "10.0.0.5"), Address(host: 1, ip: null)]);
        await writer.AppendAsync([Route(host: 1, gateway: "10.0.0.1"), Route(host: 1, gateway: null)]);
        await writer.AppendAsync([User(host: 1, "georgios"), User(host: 1, "nobody")]);

        var route = (await new FactReader(test.Store).ReadAfterAsync<NetRoute>(0, 10))[0];
        await writer.AppendAsync([
            Stamp(InventoryEnd.Of(removed, T0.AddMinutes(5)), host: 1),
            Stamp(InventoryEnd.Of(route, T0.AddMinutes(6)), host: 1),
            Stamp(InventoryEnd.Of(User(host: 1, "georgios"), T0.AddMinutes(7)), host: 1),
        ]);

        var reader = new FactReader(test.Store);
        var addresses = await reader.ReadAfterAsync<NetInterface>(0, 10);
        Assert.Equal([T0.AddMinutes(5), null, null, null], addresses.Select(a => a.Destroyed));
        var routes = await reader.ReadAfterAsync<NetRoute>(0, 10);
        Assert.Equal([T0.AddMinutes(6), null], routes.Select(r => r.Destroyed));
        var users = await reader.ReadAfterAsync<UserAccount>(0, 10);
        Assert.Equal([T0.AddMinutes(7), null], users.Select(u => u.Destroyed));
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task An_end_without_item_closes_what_the_last_run_saw_and_not_what_this_one_reports(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var writer = new FactWriter(test.Store);
        var restart = T0.AddHours(1);
        await writer.AppendAsync([User(host: 1, "georgios"), User(host: 2, "georgios")]);
        await writer.AppendAsync([User(host: 1, "georgios", created: restart)]);
        await writer.AppendAsync([Group(host: 1)]);

        await writer.AppendAsync([Stamp(InventoryEnd.AllBefore<UserAccount>(restart), host: 1)]);

        var reader = new FactReader(test.Store);
        var users = await reader.ReadAfterAsync<UserAccount>(0, 10);
        Assert.Equal([restart, null, null], users.Select(u => u.Destroyed));
        Assert.Null(Assert.Single(await reader.ReadAfterAsync<UserGroup>(0, 10)).Destroyed);
    }

    private static InventoryEnd Stamp(InventoryEnd end, int host)
    {
        end.HostId = host;
        return end;
    }

    private static NetInterface Address(int host, string? ip) => new()
    {
        HostId = host,
        IntName = "eth0",
        IpVersion = 4,
        Ip = ip,
        Subnet = ip is null ? null : "255.255.255.0",
        MacAddr = "52:54:00:12:34:56",
        Created = T0,
    };

    private static NetRoute Route(int host, string? gateway) => new()
    {
        HostId = host,
        IntName = "eth0",
        IpVersion = 4,
        NetIp = "0.0.0.0",
        RouteNetmask = "0.0.0.0",
        DefGw = gateway,
        Created = T0,
    };

    private static UserAccount User(int host, string name, DateTime? created = null) => new()
    {
        HostId = host,
        Username = name,
        Uid = 1000,
        Gid = 1000,
        HomeDir = "/home/" + name,
        Shell = "/bin/bash",
        Created = created ?? T0,
    };

    private static UserGroup Group(int host) => new() { HostId = host, GroupName = "staff", Gid = 50, Members = "georgios", Created = T0 };
}
