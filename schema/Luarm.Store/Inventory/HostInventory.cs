using Luarm.Store.Vocabulary;

namespace Luarm.Store.Inventory;

/// <summary>What the host is: one row of <c>hostinfo</c>.</summary>
[FactTable("hostinfo", "hostinfoid")]
public sealed class HostInventory : IInventoryItem
{
    string IInventoryItem.ItemKey => Hostname;

    public long HostInfoId { get; set; }
    public int HostId { get; set; }
    public string Hostname { get; set; } = "";
    public string? Os { get; set; }
    public string? OsVer { get; set; }
    public string? Vendor { get; set; }
    public string? VendorModel { get; set; }
    public string? Timezone { get; set; }
    public DateTime Created { get; set; }
    public DateTime? Destroyed { get; set; }
}
