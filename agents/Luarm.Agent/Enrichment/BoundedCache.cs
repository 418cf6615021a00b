namespace Luarm.Agent.Enrichment;

/// <summary>
/// A thread-safe cache with a size cap and an expiry per entry. Past the cap the oldest
/// entries go first: an attacker who makes the agent meet many addresses or files can
/// only push out earlier entries, never grow memory.
/// </summary>
internal sealed class BoundedCache<TKey, TValue>(int capacity) where TKey : notnull
{
    private readonly Dictionary<TKey, (TValue Value, DateTime Expires)> _entries = [];
    private readonly Queue<TKey> _order = new();

    public int Count
    {
        get
        {
            lock (_entries)
            {
                return _entries.Count;
            }
        }
    }

    public bool TryGet(TKey key, DateTime now, out TValue value)
    {
        lock (_entries)
        {
            if (_entries.TryGetValue(key, out var entry) && entry.Expires > now)
            {
                value = entry.Value;
                return true;
            }
            value = default!;
            return false;
        }
    }

    public void Set(TKey key, TValue value, DateTime expires)
    {
        lock (_entries)
        {
            if (!_entries.ContainsKey(key))
            {
                while (_entries.Count >= capacity && _order.TryDequeue(out var oldest))
                {
                    _entries.Remove(oldest);
                }
                _order.Enqueue(key);
            }
            _entries[key] = (value, expires);
        }
    }
}
