using System.Collections.Concurrent;
using System.Net;

namespace Luarm.Agent.Enrichment.ReverseDns;

/// <summary>
/// Names of addresses, cached (names and misses, each with its TTL, under a size cap) and
/// looked up in the background: at most <see cref="EnrichOptions.MaxConcurrentLookups"/>
/// at once, one per address, each given up after <see cref="EnrichOptions.LookupTimeout"/>
/// (a miss). A lookup's slot is freed only when the resolver returns, so a resolver that
/// never answers holds the slots and further addresses are simply not looked up.
/// </summary>
internal sealed class NameLookups(IReverseResolver resolver, EnrichOptions options) : IDisposable
{
    private readonly BoundedCache<IPAddress, string?> _cache = new(options.NameCacheEntries);
    private readonly ConcurrentDictionary<IPAddress, Task<string?>> _underWay = new();
    private readonly CancellationTokenSource _stop = new();
    private int _busy;

    /// <summary>The name when cached (null: a cached miss), else the lookup under way, else nothing (no slot free).</summary>
    public (bool Known, string? Name, Task<string?>? Pending) Find(IPAddress address)
    {
        if (_cache.TryGet(address, DateTime.UtcNow, out var name))
        {
            return (true, name, null);
        }
        if (_underWay.TryGetValue(address, out var pending))
        {
            return (false, null, pending);
        }
        if (Interlocked.Increment(ref _busy) > options.MaxConcurrentLookups)
        {
            Interlocked.Decrement(ref _busy);
            return (false, null, null);
        }
        var started = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_underWay.TryAdd(address, started.Task))
        {
            Interlocked.Decrement(ref _busy);
            return (false, null, _underWay.GetValueOrDefault(address));
        }
        _ = LookUpAsync(address, started);
        return (false, null, started.Task);
    }

    private async Task LookUpAsync(IPAddress address, TaskCompletionSource<string?> answer)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(options.LookupTimeout);
        var lookup = Task.Run(() => resolver.ResolveAsync(address, timeout.Token));
        string? name = null;
        try
        {
            name = HostNameText.Checked(await lookup.WaitAsync(options.LookupTimeout, _stop.Token));
        }
        catch (Exception)
        {
            // Timed out, refused or failed: a miss, cached as one.
        }
        var now = DateTime.UtcNow;
        _cache.Set(address, name, now + (name is null ? options.MissTtl : options.NameTtl));
        _underWay.TryRemove(address, out _);
        answer.SetResult(name);
        // The slot is free only once the resolver itself returned (see the summary).
        _ = lookup.ContinueWith(_ => Interlocked.Decrement(ref _busy), TaskScheduler.Default);
    }

    public void Dispose()
    {
        _stop.Cancel();
        resolver.Dispose();
    }
}
