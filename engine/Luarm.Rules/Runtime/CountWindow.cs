using System.Runtime.InteropServices;
using Luarm.Rules.Compilation;
using Luarm.Rules.Matching;

namespace Luarm.Rules.Runtime;

/// <summary>
/// The facts of one count group in event-time order (then id), each the anchor of
/// its own window: the facts from its time to its time + within, both ends
/// included (so facts stamped the same time as the anchor are in its window
/// whatever their ids). An anchor fires once, when its window first holds enough
/// facts (or distinct values); the match's facts are the window's facts up to the
/// one that reached the threshold.
/// </summary>
/// <remarks>
/// Anchors before <c>_pending</c> are done: fired, or their window has closed on the
/// newest fact. From <c>_pending</c> on every window is still open, so it holds every
/// fact from its anchor's time to the newest: the tally of the facts from
/// <c>_windowStart</c> (the first fact of the pending anchor's time) on is the
/// pending anchor's count, and later anchors can only count fewer. A fact arriving
/// in order therefore costs O(1) amortised. A late fact (older than the newest) is
/// checked against the done windows it falls into by counting them afresh.
/// </remarks>
internal sealed class CountWindow(SlidingCountRule rule, CountGroupKey key)
{
    private readonly Deque<Entry> _entries = new();
    private readonly Dictionary<object, int> _distinct = [];
    private int _pending;
    private int _windowStart;

    public CountGroupKey Key { get; } = key;

    public bool IsEmpty => _entries.Count == 0;

    /// <summary>Adds a matching fact; the facts of every window it completes go to <paramref name="fired"/>.</summary>
    public void Add(object fact, DateTime created, long id, List<IReadOnlyList<object>> fired)
    {
        var entry = new Entry(fact, created, id, rule.DistinctOf(fact));
        var position = PositionAfter(created, id);
        var pendingTime = _pending < _entries.Count ? _entries[_pending].Created : (DateTime?)null;
        _entries.Insert(position, entry);
        if (position <= _pending)
        {
            _pending++;
        }
        if (position <= _windowStart)
        {
            _windowStart++;
        }
        if (created >= pendingTime)
        {
            // From the pending anchor's time on: counted with the facts from _windowStart on.
            _windowStart = Math.Min(_windowStart, position);
            Tally(entry.Value, +1);
        }
        if (position < _entries.Count - 1)
        {
            FireDoneWindows(position, fired);
        }
        if (position < _pending && !_entries[position].Fired && IsOpen(_entries[position]))
        {
            ResetPending(position);
        }
        Advance(fired);
    }

    /// <summary>Removes a fact that left the session; false when it is not here.</summary>
    public bool Remove(object fact, DateTime created, long id)
    {
        var position = PositionAfter(created, id) - 1;
        while (position >= 0 && !ReferenceEquals(_entries[position].Fact, fact) && _entries[position].Created == created)
        {
            position--;
        }
        if (position < 0 || !ReferenceEquals(_entries[position].Fact, fact))
        {
            return false;
        }
        var removed = _entries[position];
        _entries.RemoveAt(position);
        if (position < _windowStart)
        {
            _windowStart--;
            _pending--;
        }
        else if (position < _pending)
        {
            Tally(removed.Value, -1);
            _pending--;
        }
        else if (position == _pending)
        {
            ResetPending(_pending);
        }
        else
        {
            Tally(removed.Value, -1);
        }
        return true;
    }

    /// <summary>Moves past done anchors and fires the pending ones whose open window has reached the threshold.</summary>
    private void Advance(List<IReadOnlyList<object>> fired)
    {
        while (_pending < _entries.Count)
        {
            var anchor = _entries[_pending];
            if (!anchor.Fired && IsOpen(anchor))
            {
                // The tally says whether the window has reached the threshold; where it did is counted again (in order, at the newest fact).
                if (PendingCount() < rule.AtLeast || !TryFire(_pending, fired))
                {
                    return;
                }
            }
            _pending++;
            if (_pending == _entries.Count || _entries[_pending].Created != anchor.Created)
            {
                for (; _windowStart < _pending; _windowStart++)
                {
                    Tally(_entries[_windowStart].Value, -1);
                }
            }
        }
    }

    /// <summary>A late fact at <paramref name="position"/>: the done, unfired anchors whose windows it falls into are counted afresh.</summary>
    private void FireDoneWindows(int position, List<IReadOnlyList<object>> fired)
    {
        var late = _entries[position];
        var earliest = EventTime.Shift(late.Created, -rule.Within);
        for (var i = position; i >= 0 && _entries[i].Created >= earliest; i--)
        {
            FireIfReached(i, fired);
        }
        for (var i = position + 1; i < _entries.Count && _entries[i].Created == late.Created; i++)
        {
            FireIfReached(i, fired);
        }
    }

    private void FireIfReached(int anchor, List<IReadOnlyList<object>> fired)
    {
        if (anchor < _pending && !_entries[anchor].Fired)
        {
            TryFire(anchor, fired);
        }
    }

    /// <summary>Counts the anchor's window from its first fact and fires it at the fact that reaches the threshold, if one does.</summary>
    private bool TryFire(int anchor, List<IReadOnlyList<object>> fired)
    {
        var start = FirstOfTime(anchor);
        var end = EventTime.Shift(_entries[anchor].Created, rule.Within);
        var values = rule.CountsDistinct ? new HashSet<object>() : null;
        for (var i = start; i < _entries.Count && _entries[i].Created <= end; i++)
        {
            var count = values is null ? i - start + 1 : Add(values, _entries[i].Value);
            if (count >= rule.AtLeast)
            {
                Fire(anchor, start, i, fired);
                return true;
            }
        }
        return false;
    }

    private static int Add(HashSet<object> values, object? value)
    {
        if (value is not null)
        {
            values.Add(value);
        }
        return values.Count;
    }

    private void Fire(int anchor, int first, int last, List<IReadOnlyList<object>> fired)
    {
        _entries[anchor].Fired = true;
        var facts = new object[last - first + 1];
        for (var i = first; i <= last; i++)
        {
            facts[i - first] = _entries[i].Fact;
        }
        fired.Add(facts);
    }

    private bool IsOpen(Entry anchor) => EventTime.Shift(anchor.Created, rule.Within) >= _entries[_entries.Count - 1].Created;

    private int PendingCount() => rule.CountsDistinct ? _distinct.Count : _entries.Count - _windowStart;

    /// <summary>Makes <paramref name="pending"/> the pending anchor and counts its window from scratch.</summary>
    private void ResetPending(int pending)
    {
        _pending = pending;
        _windowStart = pending < _entries.Count ? FirstOfTime(pending) : pending;
        _distinct.Clear();
        for (var i = _windowStart; i < _entries.Count; i++)
        {
            Tally(_entries[i].Value, +1);
        }
    }

    /// <summary>The first entry stamped the same time as <paramref name="index"/>.</summary>
    private int FirstOfTime(int index)
    {
        var first = index;
        while (first > 0 && _entries[first - 1].Created == _entries[index].Created)
        {
            first--;
        }
        return first;
    }

    private void Tally(object? value, int change)
    {
        if (value is null)
        {
            return;
        }
        ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(_distinct, value, out _);
        count += change;
        if (count == 0)
        {
            _distinct.Remove(value);
        }
    }

    /// <summary>The index after every entry at or before (<paramref name="created"/>, <paramref name="id"/>); the end when in order.</summary>
    private int PositionAfter(DateTime created, long id)
    {
        int low = 0, high = _entries.Count;
        if (high > 0 && Compare(_entries[high - 1], created, id) <= 0)
        {
            return high;
        }
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (Compare(_entries[middle], created, id) <= 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }

    private static int Compare(Entry entry, DateTime created, long id) =>
        entry.Created != created ? entry.Created.CompareTo(created) : entry.Id.CompareTo(id);

    private struct Entry(object fact, DateTime created, long id, object? value)
    {
        public readonly object Fact = fact;
        public readonly DateTime Created = created;
        public readonly long Id = id;
        public readonly object? Value = value;
        public bool Fired;
    }
}
