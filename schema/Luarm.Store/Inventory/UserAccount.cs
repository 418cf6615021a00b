using Luarm.Store.Access;
using Luarm.Store.Vocabulary;

namespace Luarm.Store.Inventory;

/// <summary>A local user account: one row of <c>userinfo</c>.</summary>
[FactTable("userinfo", "userinfoid")]
public sealed class UserAccount : IInventoryItem
{
    string IInventoryItem.ItemKey => Username;

    public long UserInfoId { get; set; }
    public int HostId { get; set; }
    public string Username { get; set => field = StoreText.Clip(value, 255); } = "";
    public int Uid { get; set; }
    public int? Gid { get; set; }
    public string? HomeDir { get; set => field = StoreText.ClipOrNull(value, StoreText.TextColumn); }
    public string? Shell { get; set => field = StoreText.ClipOrNull(value, 255); }
    public DateTime Created { get; set; }
    public DateTime? Destroyed { get; set; }
}
