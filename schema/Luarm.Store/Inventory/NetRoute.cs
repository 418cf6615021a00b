using Luarm.Store.Access;
using Luarm.Store.Vocabulary;

namespace Luarm.Store.Inventory;

/// <summary>A routing table entry: one row of <c>netroute</c>.</summary>
[FactTable("netroute", "netrouteid")]
public sealed class NetRoute : IInventoryItem
{
    string IInventoryItem.ItemKey => string.Join('\t', IntName, IpVersion, NetIp, RouteNetmask, DefGw ?? "");

    public long NetRouteId { get; set; }
    public int HostId { get; set; }
    public string IntName { get; set => field = StoreText.Clip(value, 64); } = "";
    public int IpVersion { get; set; }
    public string NetIp { get; set => field = StoreText.Clip(value, 45); } = "";
    public string RouteNetmask { get; set => field = StoreText.Clip(value, 45); } = "";
    public string? DefGw { get; set => field = StoreText.ClipOrNull(value, 45); }
    public DateTime Created { get; set; }
    public DateTime? Destroyed { get; set; }
}
