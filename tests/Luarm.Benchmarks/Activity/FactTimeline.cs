using Luarm.Store.Facts;

namespace Luarm.Benchmarks.Activity;

/// <summary>
/// Facts scheduled ahead of time (a process's later connections, the scan after
/// a USB stick), released earliest first and numbered per table as the store
/// numbers appended rows, so ids in memory equal ids in a fresh store.
/// </summary>
public sealed class FactTimeline
{
    private readonly PriorityQueue<object, (DateTime Created, long Order)> _pending = new();
    private readonly Dictionary<Type, long> _lastIds = [];
    private long _order;

    /// <summary>Schedules a fact at <paramref name="created"/> (microseconds, as the store keeps them).</summary>
    public void Add(object fact, DateTime created)
    {
        var at = new DateTime(created.Ticks - (created.Ticks % 10), DateTimeKind.Utc);
        switch (fact)
        {
            case ProcessFact process: process.Created = at; break;
            case EndpointFact endpoint: endpoint.Created = at; break;
            case FileFact file: file.Created = at; break;
            case DeviceFact device: device.Created = at; break;
            default: throw new ArgumentException($"not a fact: {fact.GetType().Name}", nameof(fact));
        }
        _pending.Enqueue(fact, (at, _order++));
    }

    public DateTime NextTime => _pending.TryPeek(out _, out var key) ? key.Created : DateTime.MaxValue;

    /// <summary>The earliest scheduled fact, with the next id of its table.</summary>
    public object Release()
    {
        var fact = _pending.Dequeue();
        var id = _lastIds[fact.GetType()] = _lastIds.GetValueOrDefault(fact.GetType()) + 1;
        switch (fact)
        {
            case ProcessFact process: process.PsEntity = id; break;
            case EndpointFact endpoint: endpoint.EndpointInfo = id; break;
            case FileFact file: file.FileAccess = id; break;
            case DeviceFact device: device.HwDevice = id; break;
        }
        return fact;
    }
}
