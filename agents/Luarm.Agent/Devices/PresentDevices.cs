using Luarm.Agent.Interop;

namespace Luarm.Agent.Devices;

/// <summary>
/// The devices already there when the agent starts, from sysfs: every device of
/// the kinds the collector records (<see cref="DeviceIdentity"/>: USB devices, block
/// devices, network interfaces) read as the uevent the kernel would send for it (its
/// <c>uevent</c> file plus SUBSYSTEM and DEVPATH), so it is named exactly as a
/// hot-plug add would name it and a later remove event ends it.
/// </summary>
internal static class PresentDevices
{
    private const string Sysfs = "/sys";

    /// <summary>Where sysfs lists those kinds: symlinks to the device directories under /sys/devices.</summary>
    private static readonly string[] Listings = ["/sys/bus/usb/devices", "/sys/class/block", "/sys/class/net"];

    /// <summary>Each device once, keyed by DEVPATH.</summary>
    public static IReadOnlyList<Dictionary<string, string>> Read()
    {
        var found = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var device in Listings.SelectMany(Entries))
        {
            if (AsUevent(device) is { } uevent && !found.ContainsKey(uevent["DEVPATH"]))
            {
                found[uevent["DEVPATH"]] = uevent;
            }
        }
        return [.. found.Values];
    }

    private static IEnumerable<string> Entries(string folder)
    {
        try
        {
            return Directory.GetFileSystemEntries(folder);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>The uevent of one device directory; null when it is not a device (no uevent or subsystem) or is gone.</summary>
    private static Dictionary<string, string>? AsUevent(string entry)
    {
        var subsystem = ProcFile.ReadLink(Path.Combine(entry, "subsystem"));
        var text = ProcFile.ReadText(Path.Combine(entry, "uevent"));
        string real;
        try
        {
            real = new DirectoryInfo(entry).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(entry);
        }
        catch (IOException)
        {
            return null;
        }
        if (subsystem is null || text is null || !real.StartsWith(Sysfs + "/devices/", StringComparison.Ordinal))
        {
            return null;
        }
        var uevent = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var equals = line.IndexOf('=');
            if (equals > 0)
            {
                uevent[line[..equals]] = line[(equals + 1)..];
            }
        }
        uevent["SUBSYSTEM"] = Path.GetFileName(subsystem);
        uevent["DEVPATH"] = real[Sysfs.Length..];
        uevent["ACTION"] = "add";
        return uevent;
    }
}
