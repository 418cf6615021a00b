using System.Net;
using Luarm.Agent.Enrichment;
using Luarm.Agent.Enrichment.ReverseDns;
using Luarm.Agent.Tests.Support;
using Luarm.Store.Ends;
using Luarm.Store.Facts;

namespace Luarm.Agent.Tests;

/// <summary>The stage between collectors and queue: order, stop and faults; and the bound of its caches.</summary>
public sealed class EnrichingSinkTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    [Fact]
    public void At_stop_every_held_row_is_handed_on_in_order_while_lookups_still_hang()
    {
        using var dead = PtrResponder.Silent(IPAddress.Parse("127.0.0.53"));
        var options = new EnrichOptions { LookupTimeout = TimeSpan.FromMinutes(1) };
        using var enricher = new ReverseDnsEnricher(new NameLookups(new DnsServerReverseResolver([dead.Endpoint], options.LookupTimeout), options));
        var rows = new RecordingSink();
        var sink = new EnrichingSink(rows, [enricher], TimeSpan.FromMilliseconds(300), new ListLogger());

        for (var i = 0; i < 500; i++)
        {
            sink.Add(new EndpointFact { SourceIp = "192.0.2.1", DestIp = $"198.51.100.{i % 200}", DestPort = i });
            sink.Add(new EndpointEnd { DestPort = i });
        }

        Assert.Equal(0, sink.Complete(Within));
        var handedOn = rows.All<object>();
        Assert.Equal(1000, handedOn.Count);
        Assert.Equal(Enumerable.Range(0, 500).SelectMany(i => new[] { i, i }), handedOn.Select(r => r is EndpointFact f ? f.DestPort : ((EndpointEnd)r).DestPort));
        Assert.Throws<InvalidOperationException>(() => sink.Add(new EndpointFact()));
    }

    [Fact]
    public void An_enricher_that_throws_costs_the_row_that_enrichment_and_is_logged_once()
    {
        var rows = new RecordingSink();
        var logger = new ListLogger();
        using var failing = new FailingEnricher();
        var sink = new EnrichingSink(rows, [failing], TimeSpan.FromMilliseconds(100), logger);

        sink.Add(new ProcessFact { Pid = 1, Command = "begin throws" });
        sink.Add(new ProcessFact { Pid = 2, Command = "apply throws" });
        sink.Add(new ProcessFact { Pid = 3, Command = "after both" });

        Assert.Equal(0, sink.Complete(Within));
        Assert.Equal([1, 2, 3], rows.All<ProcessFact>().Select(p => p.Pid));
        Assert.Equal(2, sink.Faults);
        Assert.Single(logger.Lines, line => line.StartsWith("Warning: an enrichment failed; its rows are kept without it", StringComparison.Ordinal));
    }

    [Fact]
    public void A_cache_past_its_cap_drops_its_oldest_entries_and_never_grows()
    {
        var cache = new BoundedCache<int, string>(capacity: 100);
        var now = DateTime.UtcNow;

        for (var i = 0; i < 10_000; i++)
        {
            cache.Set(i, $"name{i}", now.AddHours(1));
        }

        Assert.Equal(100, cache.Count);
        Assert.False(cache.TryGet(9_899, now, out _));
        Assert.True(cache.TryGet(9_900, now, out var kept) && kept == "name9900");
        Assert.False(cache.TryGet(9_999, now.AddHours(2), out _));
    }

    /// <summary>Throws on its first row's Begin and in its second row's Apply: an enricher with a bug.</summary>
    private sealed class FailingEnricher : IFactEnricher
    {
        public PendingEnrichment? Begin(object row) => ((ProcessFact)row).Pid switch
        {
            1 => throw new InvalidOperationException("a bug in Begin"),
            2 => new PendingEnrichment(Task.CompletedTask, () => throw new InvalidOperationException("a bug in Apply")),
            _ => null,
        };

        public void Dispose()
        {
        }
    }
}
