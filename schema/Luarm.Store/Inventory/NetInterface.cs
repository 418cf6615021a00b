using Luarm.Store.Access;
using Luarm.Store.Vocabulary;

namespace Luarm.Store.Inventory;

/// <summary>A network interface address: one row of <c>netint</c>.</summary>
[FactTable("netint", "netintid")]
public sealed class NetInterface : IInventoryItem
{
    string IInventoryItem.ItemKey => string.Join('\t', IntName, IpVersion, Ip ?? "");

    public long NetIntId { get; set; }
    public int HostId { get; set; }
    public string IntName { get; set => field = StoreText.Clip(value, 64); } = "";
    public int IpVersion { get; set; }
    public string? Ip { get; set => field = StoreText.ClipOrNull(value, 45); }
    public string? Subnet { get; set => field = StoreText.ClipOrNull(value, 45); }
    public string? MacAddr { get; set => field = StoreText.ClipOrNull(value, 32); }
    public DateTime Created { get; set; }
    public DateTime? Destroyed { get; set; }
}
