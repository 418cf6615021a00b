using Luarm.Store.Access;
using Luarm.Store.Inventory;
using Luarm.Store.Vocabulary;

namespace Luarm.Store.Ends;

/// <summary>
/// The end of an inventory row (a user removed, an address gone, a route changed),
/// appended by an agent and applied by the server to the <c>destroyed</c> of the
/// open row of <see cref="TableName"/> with that item key and creation time. Without
/// an item key it ends every open row of that table created before
/// <see cref="Destroyed"/>: an agent that starts again closes what its last run saw.
/// </summary>
[FactTable("invend", "invendid")]
public sealed class InventoryEnd
{
    /// <summary>The longest item key the store compares (migration 0017).</summary>
    public const int ItemKeyLength = 255;

    public long InvEndId { get; set; }
    public int HostId { get; set; }
    public string TableName { get; set; } = "";
    public string? ItemKey { get; set; }
    public DateTime? Created { get; set; }
    public DateTime Destroyed { get; set; }

    /// <summary>The end of exactly this row.</summary>
    public static InventoryEnd Of<T>(T row, DateTime destroyed)
        where T : IInventoryItem => new()
        {
            TableName = FactTable.Of<T>().Name,
            ItemKey = StoreText.Clip(row.ItemKey, ItemKeyLength),
            Created = row.Created,
            Destroyed = destroyed,
        };

    /// <summary>
    /// The item key as the store compares it: cut to <see cref="ItemKeyLength"/>, and
    /// without trailing spaces (MariaDB's collation pads), so "root" and "root " are one item there.
    /// </summary>
    public static string ComparedKey(IInventoryItem row) => StoreText.Clip(row.ItemKey, ItemKeyLength).TrimEnd(' ');

    /// <summary>The end of every open row of the table of <typeparamref name="T"/> created before <paramref name="destroyed"/>.</summary>
    public static InventoryEnd AllBefore<T>(DateTime destroyed)
        where T : IInventoryItem => new() { TableName = FactTable.Of<T>().Name, Destroyed = destroyed };
}
