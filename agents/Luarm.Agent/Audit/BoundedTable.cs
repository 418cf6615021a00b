namespace Luarm.Agent.Audit;

/// <summary>
/// A map that forgets its oldest keys past <see cref="Capacity"/>: what the audit
/// collector remembers per pid or per socket, which the records never say to
/// forget (no exit or close is audited), costs a bounded amount.
/// </summary>
internal sealed class BoundedTable<TKey, TValue>(int capacity)
    where TKey : notnull
{
    private readonly Dictionary<TKey, TValue> _values = [];
    private readonly Queue<TKey> _order = new();

    public int Capacity { get; } = capacity;

    public int Count => _values.Count;

    public bool TryGetValue(TKey key, out TValue value) => _values.TryGetValue(key, out value!);

    public void Set(TKey key, TValue value)
    {
        if (_values.TryAdd(key, value))
        {
            _order.Enqueue(key);
            // A key set again keeps its first place in the order: forgetting it a little early only costs a lookup.
            while (_values.Count > Capacity && _order.TryDequeue(out var oldest))
            {
                _values.Remove(oldest);
            }
            return;
        }
        _values[key] = value;
    }
}
