using Luarm.Agent.Inventory;
using Luarm.Agent.Tests.Support;
using Luarm.Store.Ends;
using Luarm.Store.Inventory;
using Microsoft.Extensions.Logging.Abstractions;

namespace Luarm.Agent.Tests;

/// <summary>The inventory collectors on this host's real files and kernel, and on a network namespace of the test's own.</summary>
public sealed class InventoryCollectorTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    [Fact]
    public void The_host_is_recorded_at_start_after_an_end_of_every_row_a_previous_run_left_open()
    {
        using var collector = new RunningCollector(new InventoryCollector<HostInventory>(new HostSource(), Poll));

        var host = collector.Sink.WaitFor<HostInventory>(_ => true, Within, "the host row");
        Assert.Equal(Shell.Run("hostname"), host.Hostname);
        Assert.Equal(Shell.Run("sh", "-c", ". /etc/os-release && echo \"$NAME|$VERSION_ID\""), $"{host.Os}|{host.OsVer}");
        var restart = Assert.IsType<InventoryEnd>(collector.Sink.All<object>()[0]);
        Assert.Equal(("hostinfo", (string?)null, (DateTime?)null, host.Created), (restart.TableName, restart.ItemKey, restart.Created, restart.Destroyed));
        Thread.Sleep(Poll * 3);
        Assert.Single(collector.Sink.All<HostInventory>());
    }

    [Fact]
    public void A_user_added_with_useradd_is_a_new_user_and_group_row_and_userdel_ends_both()
    {
        var name = "luarmt" + Guid.NewGuid().ToString("N")[..6];
        using var users = new RunningCollector(new InventoryCollector<UserAccount>(new PasswdSource(NullLogger.Instance), Poll));
        using var groups = new RunningCollector(new InventoryCollector<UserGroup>(new GroupSource(NullLogger.Instance), Poll));
        var root = users.Sink.WaitFor<UserAccount>(u => u.Username == "root", Within, "root at start");
        Assert.Equal((0, (int?)0, "/root"), (root.Uid, root.Gid, root.HomeDir));
        groups.Sink.WaitFor<UserGroup>(g => g.GroupName == "root" && g.Gid == 0, Within, "group root at start");
        try
        {
            Shell.Run("useradd", "--user-group", "--no-create-home", "--home-dir", "/nonexistent/" + name, "--shell", "/bin/false", name);
            var added = users.Sink.WaitFor<UserAccount>(u => u.Username == name, Within, "the added user");
            Assert.Equal((Shell.UidOf(name), "/nonexistent/" + name, "/bin/false"), (added.Uid, added.HomeDir, added.Shell));
            var group = groups.Sink.WaitFor<UserGroup>(g => g.GroupName == name, Within, "the added user's group");
            Assert.Equal(added.Gid, group.Gid);
            Assert.True(added.Created > root.Created);

            Shell.Run("userdel", name);
            var ended = users.Sink.WaitFor<InventoryEnd>(e => e.ItemKey == name && e.TableName == "userinfo", Within, "the removed user's end");
            Assert.Equal(added.Created, ended.Created);
            Assert.True(ended.Destroyed > added.Created);
            groups.Sink.WaitFor<InventoryEnd>(e => e.ItemKey == name && e.TableName == "groupinfo" && e.Created == group.Created, Within, "the removed group's end");
            Assert.DoesNotContain(users.Sink.All<InventoryEnd>(), e => e.ItemKey == "root");
        }
        finally
        {
            Shell.Run("sh", "-c", $"userdel {name} 2>/dev/null; groupdel {name} 2>/dev/null; true");
        }
    }

    [Fact]
    public void An_interface_in_a_namespace_is_recorded_with_its_addresses_and_routes_and_changes_are_seen_at_once()
    {
        using var netns = new NetworkNamespace();
        netns.AddVirtualInterface("luarmtest2");
        Shell.Run("ip", "-n", netns.Name, "address", "add", "192.0.2.10/24", "dev", "luarmtest2");
        Shell.Run("ip", "-n", netns.Name, "-6", "address", "add", "2001:db8::10/64", "dev", "luarmtest2", "nodad");
        Shell.Run("ip", "-n", netns.Name, "link", "set", "luarmtest2", "up");
        var mac = Shell.Run("ip", "-n", netns.Name, "-o", "link", "show", "luarmtest2").Split(' ').SkipWhile(w => w != "link/ether").ElementAt(1);
        // A poll far longer than the test: what it sees after the start comes from the kernel's announcements.
        var slow = TimeSpan.FromMinutes(10);
        using var interfaces = new RunningCollector(new InventoryCollector<NetInterface>(new NetInterfaceSource(), slow), open: c => netns.Enter(c.Open));
        using var routes = new RunningCollector(new InventoryCollector<NetRoute>(new NetRouteSource(), slow), open: c => netns.Enter(c.Open));

        var v4 = interfaces.Sink.WaitFor<NetInterface>(i => i.Ip == "192.0.2.10", Within, "the IPv4 address");
        Assert.Equal(("luarmtest2", 4, "255.255.255.0", mac), (v4.IntName, v4.IpVersion, v4.Subnet, v4.MacAddr));
        var v6 = interfaces.Sink.WaitFor<NetInterface>(i => i.Ip == "2001:db8::10", Within, "the IPv6 address");
        Assert.Equal(("luarmtest2", 6, "ffff:ffff:ffff:ffff::"), (v6.IntName, v6.IpVersion, v6.Subnet));
        var loopback = Assert.Single(interfaces.Sink.All<NetInterface>(), i => i.IntName == "lo");
        Assert.Equal((0, (string?)null), (loopback.IpVersion, loopback.Ip)); // down in a new namespace: no address
        var connected = routes.Sink.WaitFor<NetRoute>(r => r.NetIp == "192.0.2.0", Within, "the connected route");
        Assert.Equal(("luarmtest2", 4, "255.255.255.0", (string?)null), (connected.IntName, connected.IpVersion, connected.RouteNetmask, connected.DefGw));
        routes.Sink.WaitFor<NetRoute>(r => r.NetIp == "2001:db8::" && r.RouteNetmask == "ffff:ffff:ffff:ffff::" && r.IpVersion == 6, Within, "the IPv6 connected route");

        Shell.Run("ip", "-n", netns.Name, "route", "add", "default", "via", "192.0.2.1");
        var gateway = routes.Sink.WaitFor<NetRoute>(r => r.DefGw == "192.0.2.1", Within, "the default route");
        Assert.Equal(("luarmtest2", "0.0.0.0", "0.0.0.0"), (gateway.IntName, gateway.NetIp, gateway.RouteNetmask));

        Shell.Run("ip", "-n", netns.Name, "address", "delete", "192.0.2.10/24", "dev", "luarmtest2");
        var gone = interfaces.Sink.WaitFor<InventoryEnd>(e => e.TableName == "netint" && e.ItemKey == "luarmtest2\t4\t192.0.2.10", Within, "the deleted address");
        Assert.Equal(v4.Created, gone.Created);
        // Without the address the kernel drops the connected and the default route.
        routes.Sink.WaitFor<InventoryEnd>(e => e.Created == gateway.Created && e.ItemKey!.StartsWith("luarmtest2\t4\t0.0.0.0", StringComparison.Ordinal), Within, "the default route's end");
        Assert.DoesNotContain(interfaces.Sink.All<InventoryEnd>(), e => e.ItemKey == "luarmtest2\t6\t2001:db8::10");
    }
}
