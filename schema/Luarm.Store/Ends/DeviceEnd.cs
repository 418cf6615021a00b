using Luarm.Store.Vocabulary;

namespace Luarm.Store.Ends;

/// <summary>
/// The removal of a device, appended by an agent and applied to
/// <c>hwinfo.destroyed</c> of the newest attached device with the same bus and
/// description on that host.
/// </summary>
[FactTable("hwend", "hwendid")]
public sealed class DeviceEnd
{
    public long HwEndId { get; set; }
    public int HostId { get; set; }
    public string DevBus { get; set; } = "";
    public string DevString { get; set; } = "";
    public DateTime Destroyed { get; set; }
}
