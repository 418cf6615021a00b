using Luarm.Agent.Interop;
using Luarm.Store.Inventory;

namespace Luarm.Agent.Inventory;

/// <summary>
/// What the host is: its name (the kernel's, as <c>hostname</c> prints it), the
/// distribution from os-release (<c>NAME</c>, <c>VERSION_ID</c>), the machine's
/// maker and model from DMI (sysfs; absent in most containers) and the time zone
/// the system is set to. Polled: a renamed host or an upgraded distribution is a new row.
/// </summary>
public sealed class HostSource(string root = "/") : IInventorySource<HostInventory>
{
    public void Open()
    {
    }

    public IReadOnlyList<HostInventory> Read()
    {
        var release = OsRelease();
        return [new HostInventory
        {
            Hostname = Text("proc/sys/kernel/hostname") ?? "",
            Os = release.GetValueOrDefault("NAME"),
            OsVer = release.GetValueOrDefault("VERSION_ID") ?? release.GetValueOrDefault("VERSION"),
            Vendor = Text("sys/class/dmi/id/sys_vendor"),
            VendorModel = Text("sys/class/dmi/id/product_name"),
            Timezone = TimeZone(),
        }];
    }

    public void WaitForChange(TimeSpan wait, CancellationToken cancel) => cancel.WaitHandle.WaitOne(wait);

    public void Dispose()
    {
    }

    private string? Text(string relative)
    {
        var value = ProcFile.ReadText(Path.Combine(root, relative))?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>KEY=VALUE lines, values optionally quoted (os-release(5)); /etc first, then /usr/lib.</summary>
    private Dictionary<string, string> OsRelease()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var text = Text("etc/os-release") ?? Text("usr/lib/os-release") ?? "";
        foreach (var line in text.Split('\n'))
        {
            var equals = line.IndexOf('=');
            if (equals > 0)
            {
                var value = line[(equals + 1)..].Trim();
                values[line[..equals].Trim()] = value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0] ? value[1..^1] : value;
            }
        }
        return values;
    }

    /// <summary>/etc/timezone (Debian) or the zone /etc/localtime links to (systemd's timedatectl writes only that).</summary>
    private string? TimeZone()
    {
        if (Text("etc/timezone") is { } named)
        {
            return named;
        }
        var link = ProcFile.ReadLink(Path.Combine(root, "etc/localtime"));
        var zone = link?.IndexOf("zoneinfo/", StringComparison.Ordinal) ?? -1;
        return zone >= 0 ? link![(zone + "zoneinfo/".Length)..] : null;
    }
}
