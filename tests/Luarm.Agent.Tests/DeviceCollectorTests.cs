using Luarm.Agent.Devices;
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
}
