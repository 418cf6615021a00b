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

    /// <summary>A poll far longer than a test: what a network collector sees after its start comes from the kernel's announcements.</summary>
    private static readonly TimeSpan NoPoll = TimeSpan.FromMinutes(10);

    [Fact]
    public void The_host_is_recorded_at_start_after_an_end_of_every_row_a_previous_run_left_open()
    {
        using var collector = new RunningCollector(new InventoryCollector<HostInventory>(new HostSource(), Poll, NullLogger.Instance));

        var host = collector.Sink.WaitFor<HostInventory>(_ => true, Within, "the host row");
        Assert.Equal(Shell.Run("hostname"), host.Hostname);
        Assert.Equal(Shell.Run("sh", "-c", ". /etc/os-release && echo \"$NAME|$VERSION_ID\""), $"{host.Os}|{host.OsVer}");
        var restart = Assert.IsType<InventoryEnd>(collector.Sink.All<object>()[0]);
        Assert.Equal(("hostinfo", (string?)null, (DateTime?)null, host.Created), (restart.TableName, restart.ItemKey, restart.Created, restart.Destroyed));
        Thread.Sleep(Poll * 3);
        Assert.Single(collector.Sink.All<HostInventory>());
    }

    [Fact]
    public void A_user_added_changed_and_removed_is_a_row_then_an_end_and_a_new_row_then_an_end()
    {
        var name = "luarmt" + Guid.NewGuid().ToString("N")[..6];
        using var users = new RunningCollector(new InventoryCollector<UserAccount>(new PasswdSource(NullLogger.Instance), Poll, NullLogger.Instance));
        using var groups = new RunningCollector(new InventoryCollector<UserGroup>(new GroupSource(NullLogger.Instance), Poll, NullLogger.Instance));
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

            Shell.Run("usermod", "--shell", "/bin/sh", name);
            var changed = users.Sink.WaitFor<UserAccount>(u => u.Username == name && u.Shell == "/bin/sh", Within, "the user with its new shell");
            var oldEnded = users.Sink.WaitFor<InventoryEnd>(e => e.ItemKey == name, Within, "the end of the row with the old shell");
            Assert.Equal((added.Created, changed.Created), (oldEnded.Created, oldEnded.Destroyed));
            Assert.Equal((added.Uid, added.HomeDir), (changed.Uid, changed.HomeDir));

            Shell.Run("userdel", name);
            var ended = users.Sink.WaitFor<InventoryEnd>(e => e.ItemKey == name && e.Created == changed.Created, Within, "the removed user's end");
            Assert.True(ended.Destroyed > changed.Created);
            groups.Sink.WaitFor<InventoryEnd>(e => e.ItemKey == name && e.TableName == "groupinfo" && e.Created == group.Created, Within, "the removed group's end");
            Assert.DoesNotContain(users.Sink.All<InventoryEnd>(), e => e.ItemKey == "root");
            Assert.Equal(2, users.Sink.All<UserAccount>().Count(u => u.Username == name));
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
        Shell.Run("ip", "-n", netns.Name, "address", "add", "198.51.100.10/24", "dev", "luarmtest2");
        Shell.Run("ip", "-n", netns.Name, "-6", "address", "add", "2001:db8::10/64", "dev", "luarmtest2", "nodad");
        Shell.Run("ip", "-n", netns.Name, "link", "set", "luarmtest2", "up");
        var mac = Shell.Run("ip", "-n", netns.Name, "-o", "link", "show", "luarmtest2").Split(' ').SkipWhile(w => w != "link/ether").ElementAt(1);
        using var interfaces = new RunningCollector(new InventoryCollector<NetInterface>(new NetInterfaceSource(), NoPoll, NullLogger.Instance), open: c => netns.Enter(c.Open));
        using var routes = new RunningCollector(new InventoryCollector<NetRoute>(new NetRouteSource(), NoPoll, NullLogger.Instance), open: c => netns.Enter(c.Open));

        var v4 = interfaces.Sink.WaitFor<NetInterface>(i => i.Ip == "198.51.100.10", Within, "the IPv4 address");
        Assert.Equal(("luarmtest2", 4, "255.255.255.0", mac), (v4.IntName, v4.IpVersion, v4.Subnet, v4.MacAddr));
        var v6 = interfaces.Sink.WaitFor<NetInterface>(i => i.Ip == "2001:db8::10", Within, "the IPv6 address");
        Assert.Equal(("luarmtest2", 6, "ffff:ffff:ffff:ffff::"), (v6.IntName, v6.IpVersion, v6.Subnet));
        Assert.DoesNotContain(interfaces.Sink.All<NetInterface>(), i => i.IntName == "lo"); // down in a new namespace, as ifconfig would not list it
        var connected = routes.Sink.WaitFor<NetRoute>(r => r.NetIp == "198.51.100.0", Within, "the connected route");
        Assert.Equal(("luarmtest2", 4, "255.255.255.0", (string?)null), (connected.IntName, connected.IpVersion, connected.RouteNetmask, connected.DefGw));
        routes.Sink.WaitFor<NetRoute>(r => r.NetIp == "2001:db8::" && r.RouteNetmask == "ffff:ffff:ffff:ffff::" && r.IpVersion == 6, Within, "the IPv6 connected route");

        Shell.Run("ip", "-n", netns.Name, "route", "add", "default", "via", "198.51.100.1");
        var gateway = routes.Sink.WaitFor<NetRoute>(r => r.DefGw == "198.51.100.1", Within, "the default route");
        Assert.Equal(("luarmtest2", "0.0.0.0", "0.0.0.0"), (gateway.IntName, gateway.NetIp, gateway.RouteNetmask));

        Shell.Run("ip", "-n", netns.Name, "link", "set", "lo", "up");
        var loopback = interfaces.Sink.WaitFor<NetInterface>(i => i.IntName == "lo" && i.Ip == "127.0.0.1", Within, "the loopback brought up");
        Assert.Equal((4, "255.0.0.0", "00:00:00:00:00:00"), (loopback.IpVersion, loopback.Subnet, loopback.MacAddr));

        Shell.Run("ip", "-n", netns.Name, "address", "delete", "198.51.100.10/24", "dev", "luarmtest2");
        var gone = interfaces.Sink.WaitFor<InventoryEnd>(e => e.TableName == "netint" && e.ItemKey == "luarmtest2\t4\t198.51.100.10", Within, "the deleted address");
        Assert.Equal(v4.Created, gone.Created);
        // Without the address the kernel drops the connected and the default route.
        routes.Sink.WaitFor<InventoryEnd>(e => e.Created == gateway.Created && e.ItemKey!.StartsWith("luarmtest2\t4\t0.0.0.0", StringComparison.Ordinal), Within, "the default route's end");
        routes.Sink.WaitFor<InventoryEnd>(e => e.Created == connected.Created, Within, "the connected route's end");
        Assert.DoesNotContain(interfaces.Sink.All<InventoryEnd>(), e => e.ItemKey == "luarmtest2\t6\t2001:db8::10");
    }

    [Fact]
    public void An_interface_taken_down_ends_its_rows_and_its_routes_and_brought_up_again_has_new_ones()
    {
        using var netns = new NetworkNamespace();
        netns.AddVirtualInterface("luarmtest3");
        Shell.Run("ip", "-n", netns.Name, "address", "add", "198.51.100.20/24", "dev", "luarmtest3");
        Shell.Run("ip", "-n", netns.Name, "link", "set", "luarmtest3", "up");
        using var interfaces = new RunningCollector(new InventoryCollector<NetInterface>(new NetInterfaceSource(), NoPoll, NullLogger.Instance), open: c => netns.Enter(c.Open));
        using var routes = new RunningCollector(new InventoryCollector<NetRoute>(new NetRouteSource(), NoPoll, NullLogger.Instance), open: c => netns.Enter(c.Open));
        var up = interfaces.Sink.WaitFor<NetInterface>(i => i.Ip == "198.51.100.20", Within, "the address while up");
        var route = routes.Sink.WaitFor<NetRoute>(r => r.NetIp == "198.51.100.0", Within, "the connected route while up");

        Shell.Run("ip", "-n", netns.Name, "link", "set", "luarmtest3", "down");
        var down = interfaces.Sink.WaitFor<InventoryEnd>(e => e.ItemKey == "luarmtest3\t4\t198.51.100.20", Within, "the address's end when down");
        Assert.Equal(up.Created, down.Created);
        routes.Sink.WaitFor<InventoryEnd>(e => e.Created == route.Created && e.ItemKey!.StartsWith("luarmtest3\t4\t198.51.100.0", StringComparison.Ordinal), Within, "the route's end when down");

        Shell.Run("ip", "-n", netns.Name, "link", "set", "luarmtest3", "up");
        var again = interfaces.Sink.WaitFor<NetInterface>(i => i.Ip == "198.51.100.20" && i.Created > up.Created, Within, "a new row for the address when up again");
        Assert.True(again.Created >= down.Destroyed);
        routes.Sink.WaitFor<NetRoute>(r => r.NetIp == "198.51.100.0" && r.Created > route.Created, Within, "a new row for the route when up again");
        Assert.Equal(2, interfaces.Sink.All<NetInterface>().Count(i => i.Ip == "198.51.100.20"));
    }
}
