using Luarm.Store.Vocabulary;

namespace Luarm.Store.Facts;

/// <summary>A hardware device attached to the host: one row of <c>hwinfo</c>.</summary>
[FactTable("hwinfo", "hwdevice", Kind = "device")]
public sealed class DeviceFact : IFact
{
    long IFact.Id => HwDevice;

    public long HwDevice { get; set; }
    public int HostId { get; set; }
    public string DevBus { get; set; } = "";
    public string DevString { get; set; } = "";
    public string? DevVendor { get; set; }
    public string? UsersLogged { get; set; }
    public int? Uid { get; set; }
    public DateTime Created { get; set; }
    public DateTime? Destroyed { get; set; }
}
