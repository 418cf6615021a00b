using Luarm.Store.Inventory;
using Microsoft.Extensions.Logging;

namespace Luarm.Agent.Inventory;

/// <summary>
/// An inventory read from an <see cref="AccountFile"/>, polled: the file is small,
/// and tools replace it (useradd writes a new file and renames it), which a poll
/// sees whatever the tool did. Skipped lines are logged when their count changes.
/// </summary>
public abstract class AccountFileSource<T>(AccountFile file, ILogger logger) : IInventorySource<T>
    where T : IInventoryItem
{
    private int _skippedLogged;
    private bool _truncatedLogged;
    private IReadOnlyList<string[]>? _lastEntries;
    private T[] _lastItems = [];

    public void Open()
    {
    }

    public IReadOnlyList<T> Read()
    {
        var entries = file.Read();
        if (ReferenceEquals(entries, _lastEntries))
        {
            return _lastItems; // the same bytes: the collector compares nothing
        }
        var items = entries.Select(ToItem).OfType<T>().ToArray();
        var skipped = file.Skipped + (entries.Count - items.Length);
        if (skipped != _skippedLogged && skipped > 0)
        {
            logger.LogWarning("{File}: {Skipped} line(s) that are not entries skipped", file.Path, skipped);
        }
        if (file.Truncated && !_truncatedLogged)
        {
            logger.LogWarning("{File} is past the agent's bound ({Bytes} bytes, {Entries} entries): only its start is recorded", file.Path, file.MaxBytes, file.MaxEntries);
        }
        (_skippedLogged, _truncatedLogged, _lastEntries, _lastItems) = (skipped, file.Truncated, entries, items);
        return items;
    }

    public void WaitForChange(TimeSpan wait, CancellationToken cancel) => cancel.WaitHandle.WaitOne(wait);

    public void Dispose() => GC.SuppressFinalize(this);

    /// <summary>The row of one entry, or null when its fields are not valid (a uid that is not a number).</summary>
    protected abstract T? ToItem(string[] fields);

    protected static string? NullIfEmpty(string field) => field.Length == 0 ? null : field;
}
