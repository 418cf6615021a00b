using Luarm.Agent.Devices;
using Luarm.Agent.Interop;
using Luarm.Agent.Tests.Support;
using Luarm.Store.Ends;
using Luarm.Store.Facts;
using Microsoft.Extensions.Logging.Abstractions;

namespace Luarm.Agent.Tests;

/// <summary>The device collector on real kernel uevents, with a virtual interface in a namespace of the test's own.</summary>
public sealed class DeviceCollectorTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    [Fact]
    public void A_network_interface_added_and_deleted_is_recorded_twice_the_second_time_as_destroyed()
    {
        using var netns = new NetworkNamespace();
        using var collector = new RunningCollector(new DeviceCollector(NullLogger.Instance), open: c => netns.Enter(c.Open));

        netns.AddVirtualInterface("luarmtest0");
        var added = collector.Sink.WaitFor<DeviceFact>(d => d.DevString.StartsWith("luarmtest0", StringComparison.Ordinal), Within, "the dummy interface's addition");
        Assert.Equal("net", added.DevBus);
        Assert.Null(added.Destroyed);

        Shell.Run("ip", "-n", netns.Name, "link", "delete", "luarmtest0");
        var removed = collector.Sink.WaitFor<DeviceEnd>(d => d.DevString == added.DevString, Within, "the dummy interface's removal");
        Assert.Equal(added.DevBus, removed.DevBus);
        Assert.True(removed.Destroyed >= added.Created);
    }

    [Fact]
    public void Every_network_interface_and_disk_present_at_start_is_recorded_as_its_hot_plug_add_would_name_it()
    {
        using var collector = new RunningCollector(new DeviceCollector(NullLogger.Instance));

        foreach (var name in Directory.GetFileSystemEntries("/sys/class/net").Select(Path.GetFileName))
        {
            var address = File.ReadAllText($"/sys/class/net/{name}/address").Trim();
            var device = collector.Sink.WaitFor<DeviceFact>(d => d.DevBus == "net" && d.DevString.Split(' ')[0] == name, Within, $"interface {name} at start");
            Assert.Equal(string.IsNullOrEmpty(address) ? name : $"{name} {address}", device.DevString);
        }
        var disks = Directory.GetFileSystemEntries("/sys/class/block").Select(Path.GetFileName).ToArray();
        Assert.NotEmpty(disks);
        foreach (var disk in disks)
        {
            collector.Sink.WaitFor<DeviceFact>(d => d.DevBus == "block" && d.DevString.Split(' ')[0] == disk, Within, $"block device {disk} at start");
        }
        var identities = collector.Sink.All<DeviceFact>().Select(d => (d.DevBus, d.DevString)).ToArray();
        Assert.Equal(identities.Length, identities.Distinct().Count());
    }

    [Theory]
    [InlineData("/sys/class/net/lo")]
    [InlineData("/sys/class/block/loop0")]
    public void A_device_read_from_sysfs_has_the_identity_its_kernel_uevent_gives_so_its_removal_ends_it(string device)
    {
        using var socket = KobjectUevent.Listen();
        var devpath = Path.GetFullPath(new DirectoryInfo(device).ResolveLinkTarget(returnFinalTarget: true)!.FullName)["/sys".Length..];
        var present = Assert.Single(PresentDevices.Read(), u => u["DEVPATH"] == devpath);

        // A synthetic event: the kernel sends the device's own uevent (as at its add), with ACTION=change, and nothing changes.
        File.WriteAllText(Path.Combine(device, "uevent"), "change");
        var buffer = new byte[16 * 1024];
        var deadline = DateTime.UtcNow + Within;
        Dictionary<string, string>? sent = null;
        while (sent is null && DateTime.UtcNow < deadline)
        {
            var received = socket.Receive(buffer, TimeSpan.FromMilliseconds(200));
            if (received > 0 && KobjectUevent.Parse(buffer.AsSpan(0, received)) is { } uevent && uevent.GetValueOrDefault("DEVPATH") == devpath)
            {
                sent = uevent;
            }
        }

        Assert.NotNull(sent);
        var identity = DeviceIdentity.Of(present);
        Assert.NotNull(identity);
        Assert.Equal(DeviceIdentity.Of(sent), identity);
    }
}
