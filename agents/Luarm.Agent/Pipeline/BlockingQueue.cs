namespace Luarm.Agent.Pipeline;

/// <summary>
/// A bounded first-in first-out queue between threads whose waits block at once.
/// BlockingCollection's waits spin first (SemaphoreSlim yields the CPU dozens of
/// times before it sleeps), once per take from an empty queue: with rows arriving
/// one by one in an exec storm that spinning was an eighth of the agent's CPU
/// (perf). Monitor.Wait sleeps without spinning.
/// </summary>
public sealed class BlockingQueue<T>(int capacity)
{
    private readonly Queue<T> _items = new();
    private readonly object _gate = new();
    private bool _completed;
    private int _waiting;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _items.Count;
            }
        }
    }

    /// <summary>Adds <paramref name="item"/>, waiting while the queue is full; throws once adding is complete.</summary>
    public void Add(T item)
    {
        lock (_gate)
        {
            while (_items.Count >= capacity && !_completed)
            {
                Wait();
            }
            if (_completed)
            {
                throw new InvalidOperationException("the queue takes no more items");
            }
            _items.Enqueue(item);
            WakeWaiters();
        }
    }

    /// <summary>The oldest item, waiting while the queue is empty; false once it is empty and complete.</summary>
    public bool TryTake(out T item)
    {
        lock (_gate)
        {
            while (_items.Count == 0 && !_completed)
            {
                Wait();
            }
            if (_items.TryDequeue(out item!))
            {
                WakeWaiters();
                return true;
            }
            return false;
        }
    }

    /// <summary>No more items: takers drain what is queued, adders are refused.</summary>
    public void CompleteAdding()
    {
        lock (_gate)
        {
            _completed = true;
            Monitor.PulseAll(_gate);
        }
    }

    private void Wait()
    {
        _waiting++;
        try
        {
            Monitor.Wait(_gate);
        }
        finally
        {
            _waiting--;
        }
    }

    /// <summary>Takers and adders wait on one gate; one that is woken and cannot go on waits again.</summary>
    private void WakeWaiters()
    {
        if (_waiting > 0)
        {
            Monitor.PulseAll(_gate);
        }
    }
}
