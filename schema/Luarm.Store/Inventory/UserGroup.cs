using Luarm.Store.Access;
using Luarm.Store.Vocabulary;

namespace Luarm.Store.Inventory;

/// <summary>A local group and its members: one row of <c>groupinfo</c>.</summary>
[FactTable("groupinfo", "groupinfoid")]
public sealed class UserGroup : IInventoryItem
{
    string IInventoryItem.ItemKey => GroupName;

    public long GroupInfoId { get; set; }
    public int HostId { get; set; }
    public string GroupName { get; set => field = StoreText.Clip(value, 255); } = "";
    public int Gid { get; set; }

    /// <summary>Comma-separated user names, as in /etc/group.</summary>
    public string? Members { get; set => field = StoreText.ClipOrNull(value, StoreText.TextColumn); }
    public DateTime Created { get; set; }
    public DateTime? Destroyed { get; set; }
}
