using Luarm.Store.Vocabulary;

namespace Luarm.Store.Inventory;

/// <summary>A local user account: one row of <c>userinfo</c>.</summary>
[FactTable("userinfo", "userinfoid")]
public sealed class UserAccount : IInventoryItem
{
    string IInventoryItem.ItemKey => Username;

    public long UserInfoId { get; set; }
    public int HostId { get; set; }
    public string Username { get; set; } = "";
    public int Uid { get; set; }
    public int? Gid { get; set; }
    public string? HomeDir { get; set; }
    public string? Shell { get; set; }
    public DateTime Created { get; set; }
    public DateTime? Destroyed { get; set; }
}
