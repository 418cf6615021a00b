namespace Luarm.Agent.Devices;

/// <summary>How a device is named in hwinfo: its bus, a readable string, and its vendor when known.</summary>
internal sealed record DeviceIdentity(string DevBus, string DevString, string? DevVendor)
{
    private const string Sysfs = "/sys";

    /// <summary>
    /// The identity of a device added (attributes still readable in sysfs), or
    /// null for events the agent does not record: other subsystems, USB
    /// interfaces (their device is recorded), queues and the like.
    /// </summary>
    public static DeviceIdentity? Of(IReadOnlyDictionary<string, string> uevent)
    {
        var subsystem = uevent.GetValueOrDefault("SUBSYSTEM");
        var devtype = uevent.GetValueOrDefault("DEVTYPE");
        var devpath = uevent.GetValueOrDefault("DEVPATH") ?? "";
        var sysfs = Sysfs + devpath;
        return subsystem switch
        {
            "usb" when devtype == "usb_device" => new("usb",
                Join(Path.GetFileName(devpath), UsbIds(uevent.GetValueOrDefault("PRODUCT")), Attribute(sysfs, "product")),
                Attribute(sysfs, "manufacturer")),
            "block" when devtype is "disk" or "partition" => new("block",
                Join(uevent.GetValueOrDefault("DEVNAME") ?? Path.GetFileName(devpath), Attribute(sysfs, "device/model")),
                Attribute(sysfs, "device/vendor")),
            "net" when uevent.GetValueOrDefault("INTERFACE") is { } name => new("net",
                Join(name, Attribute(sysfs, "address")),
                null),
            _ => null,
        };
    }

    /// <summary>PRODUCT=781/5567/100 (hex vendor/product/bcdDevice) as lsusb prints it: 0781:5567.</summary>
    private static string? UsbIds(string? product)
    {
        var parts = product?.Split('/');
        return parts is { Length: >= 2 } ? $"{parts[0].PadLeft(4, '0')}:{parts[1].PadLeft(4, '0')}" : null;
    }

    private static string? Attribute(string device, string name)
    {
        var value = Interop.ProcFile.ReadText(Path.Combine(device, name))?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private static string Join(params string?[] parts) => string.Join(' ', parts.Where(p => !string.IsNullOrEmpty(p)));
}
