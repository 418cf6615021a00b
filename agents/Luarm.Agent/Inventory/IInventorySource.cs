using Luarm.Store.Inventory;

namespace Luarm.Agent.Inventory;

/// <summary>What one inventory table describes on this host now (users, groups, addresses, routes, the host itself).</summary>
public interface IInventorySource<out T> : IDisposable
    where T : IInventoryItem
{
    /// <summary>Acquires what the source reads through (a netlink socket), so a missing permission fails at start.</summary>
    void Open();

    /// <summary>
    /// Every item present now; <c>created</c> is set by the collector. Throws an
    /// <see cref="IOException"/> (or <see cref="UnauthorizedAccessException"/>) when it
    /// cannot tell now, which is not the same as "none": the collector then changes nothing.
    /// The very list of the last read says nothing changed, so nothing is compared.
    /// </summary>
    IReadOnlyList<T> Read();

    /// <summary>Returns when something may have changed, or after <paramref name="wait"/>, or when cancelled.</summary>
    void WaitForChange(TimeSpan wait, CancellationToken cancel);
}
