namespace Luarm.Store.Inventory;

/// <summary>
/// An inventory row that an <see cref="Ends.InventoryEnd"/> can close: its item key
/// names what it describes (a user, an address, a route) the way migration 0017's
/// triggers compute it from the row's columns. The row types cut each text to
/// what its column takes (schema/mysql/0002), so a value from a hostile file
/// (a 10,000-character user name) is stored cut and ended by the same key,
/// where MariaDB's strict mode would refuse the row.
/// </summary>
public interface IInventoryItem
{
    /// <summary>The row's identifying columns joined by tabs, NULL as empty.</summary>
    string ItemKey { get; }

    DateTime Created { get; set; }

    DateTime? Destroyed { get; }
}
