using Luarm.Store.Access;
using Luarm.Store.Vocabulary;

namespace Luarm.Store.Inventory;

/// <summary>What the host is: one row of <c>hostinfo</c>.</summary>
[FactTable("hostinfo", "hostinfoid")]
public sealed class HostInventory : IInventoryItem
{
    string IInventoryItem.ItemKey => Hostname;

    public long HostInfoId { get; set; }
    public int HostId { get; set; }
    public string Hostname { get; set => field = StoreText.Clip(value, 255); } = "";
    public string? Os { get; set => field = StoreText.ClipOrNull(value, 255); }
    public string? OsVer { get; set => field = StoreText.ClipOrNull(value, 255); }
    public string? Vendor { get; set => field = StoreText.ClipOrNull(value, 255); }
    public string? VendorModel { get; set => field = StoreText.ClipOrNull(value, 255); }
    public string? Timezone { get; set => field = StoreText.ClipOrNull(value, 64); }
    public DateTime Created { get; set; }
    public DateTime? Destroyed { get; set; }
}
