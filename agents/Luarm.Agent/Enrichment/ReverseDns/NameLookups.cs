using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Luarm.Agent.Enrichment.ReverseDns;

/// <summary>
/// Names of addresses, cached (names and misses, each with its TTL, under a size cap) and
/// looked up on <see cref="EnrichOptions.MaxConcurrentLookups"/> threads of their own, one
/// lookup per address. Own threads, not the thread pool: when the pool is starved (a busy
/// start, SQLite's synchronous writes) a pooled lookup waited a second for a thread, far past
/// any row's wait. A lookup under way longer than <see cref="EnrichOptions.LookupTimeout"/>
/// is a miss for the rows that meet it; its thread is free only when the resolver returns, so
/// a resolver that never answers holds the threads and further addresses are not looked up.
/// </summary>
internal sealed class NameLookups : IDisposable
{
    private readonly IReverseResolver _resolver;
    private readonly EnrichOptions _options;
    private readonly BoundedCache<IPAddress, string?> _cache;
    private readonly ConcurrentDictionary<IPAddress, Lookup> _underWay = new();
    private readonly BlockingCollection<Lookup> _queue = [];
    private int _busy;

    public NameLookups(IReverseResolver resolver, EnrichOptions options)
    {
        _resolver = resolver;
        _options = options;
        _cache = new BoundedCache<IPAddress, string?>(options.NameCacheEntries);
        for (var i = 0; i < options.MaxConcurrentLookups; i++)
        {
            new Thread(Work) { IsBackground = true, Name = "luarm reverse dns" }.Start();
        }
    }

    /// <summary>The name when known (null: a miss), else the lookup under way, else nothing (every thread busy).</summary>
    public (bool Known, string? Name, Task<string?>? Pending) Find(IPAddress address)
    {
        if (_cache.TryGet(address, DateTime.UtcNow, out var name))
        {
            return (true, name, null);
        }
        if (_underWay.TryGetValue(address, out var underWay))
        {
            return Stopwatch.GetElapsedTime(underWay.Started) > _options.LookupTimeout ? (true, null, null) : (false, null, underWay.Answer.Task);
        }
        if (Interlocked.Increment(ref _busy) > _options.MaxConcurrentLookups)
        {
            Interlocked.Decrement(ref _busy);
            return (false, null, null);
        }
        var lookup = new Lookup(address, Stopwatch.GetTimestamp());
        if (!_underWay.TryAdd(address, lookup))
        {
            Interlocked.Decrement(ref _busy);
            return (false, null, _underWay.GetValueOrDefault(address)?.Answer.Task);
        }
        // Never more than MaxConcurrentLookups queued or running: _busy bounds it.
        _queue.Add(lookup);
        return (false, null, lookup.Answer.Task);
    }

    private void Work()
    {
        foreach (var lookup in _queue.GetConsumingEnumerable())
        {
            string? name = null;
            try
            {
                name = HostNameText.Checked(_resolver.Resolve(lookup.Address));
            }
            catch (Exception)
            {
                // Refused or failed: a miss, cached as one.
            }
            _cache.Set(lookup.Address, name, DateTime.UtcNow + (name is null ? _options.MissTtl : _options.NameTtl));
            _underWay.TryRemove(lookup.Address, out _);
            Interlocked.Decrement(ref _busy);
            lookup.Answer.SetResult(name);
        }
    }

    /// <summary>Lookups not started are dropped; one inside the resolver ends with it (the threads are background threads).</summary>
    public void Dispose() => _queue.CompleteAdding();

    /// <summary>
    /// One address being looked up. Its answer's continuations run on the lookup thread
    /// (no RunContinuationsAsynchronously): they only wake the forwarder waiting for the row.
    /// </summary>
    private sealed record Lookup(IPAddress Address, long Started)
    {
        public TaskCompletionSource<string?> Answer { get; } = new();
    }
}
