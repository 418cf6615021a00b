using Luarm.Agent.Pipeline;

namespace Luarm.Agent.Tests.Support;

/// <summary>Keeps every row a collector adds, and waits for the one a test expects.</summary>
public sealed class RecordingSink : IFactSink
{
    private readonly List<object> _rows = [];

    public void Add(object row)
    {
        lock (_rows)
        {
            _rows.Add(row);
            Monitor.PulseAll(_rows);
        }
    }

    public IReadOnlyList<T> All<T>()
    {
        lock (_rows)
        {
            return _rows.OfType<T>().ToArray();
        }
    }

    /// <summary>The first row of type <typeparamref name="T"/> that matches, waiting at most <paramref name="within"/>.</summary>
    public T WaitFor<T>(Func<T, bool> match, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        lock (_rows)
        {
            while (true)
            {
                var found = _rows.OfType<T>().FirstOrDefault(match);
                if (found is not null)
                {
                    return found;
                }
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    throw new TimeoutException($"no {typeof(T).Name} for {what} within {within.TotalSeconds}s ({_rows.Count} rows seen)");
                }
                Monitor.Wait(_rows, left);
            }
        }
    }
}
