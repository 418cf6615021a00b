using Luarm.Agent.Host;
using Luarm.Agent.Interop;
using Luarm.Agent.Pipeline;
using Luarm.Store.Ends;
using Luarm.Store.Facts;
using Microsoft.Extensions.Logging;

namespace Luarm.Agent.Devices;

/// <summary>
/// Hardware devices from kernel uevents: USB devices, block devices and network
/// interfaces that are added or removed. An addition is a <see cref="DeviceFact"/>;
/// a removal is a <see cref="DeviceEnd"/> naming the same bus and description,
/// which the store applies to that device's <c>destroyed</c>. The devices there
/// at start are read from sysfs (<see cref="PresentDevices"/>) and recorded first.
/// </summary>
public sealed class DeviceCollector(ILogger logger) : ICollector
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(200);

    /// <summary>The identity each added device was recorded with, by DEVPATH, so its removal names it the same way.</summary>
    private readonly Dictionary<string, DeviceIdentity> _attached = new(StringComparer.Ordinal);
    private NetlinkSocket? _socket;

    public string Name => "device";

    public void Open() => _socket = KobjectUevent.Listen();

    public void Run(IFactSink sink, CancellationToken cancel)
    {
        var socket = _socket ?? throw new InvalidOperationException("Open the device collector before running it");
        // Listening began in Open, so a device added while sysfs is read is not missed; its add event is then not a second row.
        foreach (var present in PresentDevices.Read())
        {
            Handle(present, sink);
        }
        var buffer = new byte[16 * 1024];
        while (!cancel.IsCancellationRequested)
        {
            int received;
            try
            {
                received = socket.Receive(buffer, PollEvery);
            }
            catch (KernelCallException overrun) when (overrun.Errno == Libc.ENOBUFS)
            {
                logger.LogWarning("device events lost: the kernel's queue for the agent overflowed");
                continue;
            }
            if (received > 0 && KobjectUevent.Parse(buffer.AsSpan(0, received)) is { } uevent)
            {
                Handle(uevent, sink);
            }
        }
    }

    public void Dispose() => _socket?.Dispose();

    private void Handle(Dictionary<string, string> uevent, IFactSink sink)
    {
        var devpath = uevent.GetValueOrDefault("DEVPATH") ?? "";
        var now = DateTime.UtcNow;
        switch (uevent.GetValueOrDefault("ACTION"))
        {
            case "add" when DeviceIdentity.Of(uevent) is { } added && !(_attached.TryGetValue(devpath, out var known) && known == added):
                _attached[devpath] = added;
                sink.Add(ToFact(added, now));
                break;
            case "remove" when _attached.Remove(devpath, out var removed) || (removed = DeviceIdentity.Of(uevent)) is not null:
                sink.Add(new DeviceEnd { DevBus = removed.DevBus, DevString = removed.DevString, Destroyed = now });
                break;
        }
    }

    private static DeviceFact ToFact(DeviceIdentity device, DateTime created) => new()
    {
        DevBus = device.DevBus,
        DevString = device.DevString,
        DevVendor = device.DevVendor,
        UsersLogged = LoggedUsers.Read(),
        Created = created,
    };
}
