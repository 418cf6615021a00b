using Luarm.Agent.Pipeline;
using Luarm.Store.Access;
using Luarm.Store.Ends;
using Luarm.Store.Inventory;
using Luarm.Store.Vocabulary;
using Microsoft.Extensions.Logging;

namespace Luarm.Agent.Inventory;

/// <summary>
/// One inventory table kept true: at start an end of every row a previous run
/// left open and a row per item present; then, whenever the source may have
/// changed, an <see cref="InventoryEnd"/> for each row whose item is gone or
/// changed and a new row for each item that is new or changed. An item is
/// compared by all its columns, so a user whose shell changes is one end and one row.
/// A read that fails (a file that cannot be opened now, a dump that timed out)
/// changes nothing: the rows stay as last seen until a read succeeds.
/// </summary>
public sealed class InventoryCollector<T>(IInventorySource<T> source, TimeSpan pollEvery, ILogger logger) : ICollector
    where T : class, IInventoryItem
{
    private static readonly FactTable Table = FactTable.Of<T>();
    private static readonly FactColumn[] Described = [.. Table.Columns.Where(c => c.Name is not ("hostid" or "created" or "destroyed"))];

    /// <summary>The open row of each item, by its columns' values.</summary>
    private readonly Dictionary<string, T> _open = new(StringComparer.Ordinal);

    private IReadOnlyList<T>? _lastRead;
    private bool _failing;

    public string Name => Table.Name;

    public void Open() => source.Open();

    public void Run(IFactSink sink, CancellationToken cancel)
    {
        // The rows of this run start when the end of the last run's rows takes effect: the store ends only rows created before it.
        var start = StoreTime.Truncate(DateTime.UtcNow);
        sink.Add(InventoryEnd.AllBefore<T>(start));
        var now = start;
        while (!cancel.IsCancellationRequested)
        {
            if (ReadOrNull() is { } present && !ReferenceEquals(present, _lastRead))
            {
                Compare(present, now, sink);
                _lastRead = present;
            }
            source.WaitForChange(pollEvery, cancel);
            now = StoreTime.Truncate(DateTime.UtcNow);
        }
    }

    public void Dispose() => source.Dispose();

    private IReadOnlyList<T>? ReadOrNull()
    {
        try
        {
            var present = source.Read();
            if (_failing)
            {
                logger.LogInformation("{Table}: reading works again", Table.Name);
                _failing = false;
            }
            return present;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            if (!_failing)
            {
                logger.LogWarning("{Table}: cannot read now, the rows stay as last seen until a read succeeds: {Reason}", Table.Name, error.Message);
                _failing = true;
            }
            return null;
        }
    }

    private void Compare(IReadOnlyList<T> present, DateTime now, IFactSink sink)
    {
        var current = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in present)
        {
            current.TryAdd(Describe(item), item);
        }
        foreach (var (description, row) in _open.Where(open => !current.ContainsKey(open.Key)).ToArray())
        {
            _open.Remove(description);
            // Never before its creation, which a burst of same-key rows may have pushed past now (below).
            sink.Add(InventoryEnd.Of(row, row.Created > now ? row.Created : now));
        }
        // Rows the store takes for one item (a user name listed twice, "root" and "root ") get distinct times, so an end names exactly one of them.
        var createdAt = _open.Values.GroupBy(InventoryEnd.ComparedKey).ToDictionary(g => g.Key, g => g.Max(row => row.Created), StringComparer.Ordinal);
        foreach (var (description, item) in current.Where(c => !_open.ContainsKey(c.Key)))
        {
            var key = InventoryEnd.ComparedKey(item);
            var created = createdAt.TryGetValue(key, out var taken) && taken >= now ? taken.AddTicks(10) : now;
            createdAt[key] = created;
            item.Created = created;
            _open[description] = item;
            sink.Add(item);
        }
    }

    private static string Describe(T item) => string.Join('\0', Described.Select(column => column.Read(item)?.ToString() ?? "\u0001"));
}
