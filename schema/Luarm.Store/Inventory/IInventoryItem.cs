namespace Luarm.Store.Inventory;

/// <summary>
/// An inventory row that an <see cref="Ends.InventoryEnd"/> can close: its item key
/// names what it describes (a user, an address, a route) the way migration 0017's
/// triggers compute it from the row's columns.
/// </summary>
public interface IInventoryItem
{
    /// <summary>The row's identifying columns joined by tabs, NULL as empty.</summary>
    string ItemKey { get; }

    DateTime Created { get; set; }

    DateTime? Destroyed { get; }
}
