using System.Diagnostics;
using System.Net;
using Luarm.Agent.Enrichment;
using Luarm.Agent.Enrichment.ReverseDns;
using Luarm.Agent.Tests.Support;
using Luarm.Store.Facts;

namespace Luarm.Agent.Tests;

/// <summary>
/// netinfo sourcefqdn/destfqdn by reverse DNS: the host's own resolver (/etc/hosts), PTR
/// answers of a DNS server on loopback (hostile ones included), and a server that never
/// answers, which must never hold a row past the wait.
/// </summary>
public sealed class ReverseDnsTests
{
    private static readonly IPAddress Irc = IPAddress.Parse("192.0.2.7");

    [Fact]
    public async Task The_system_resolver_names_loopback_localhost_from_etc_hosts()
    {
        using var lookups = new NameLookups(new SystemReverseResolver(), new EnrichOptions());

        var (_, _, pending) = lookups.Find(IPAddress.Loopback);

        Assert.Equal("localhost", await pending!.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal((true, "localhost", null), lookups.Find(IPAddress.Loopback));
    }

    [Fact]
    public void Both_ends_of_a_loopback_connection_are_named_before_the_row_is_handed_on()
    {
        var rows = new RecordingSink();
        using var enricher = new ReverseDnsEnricher(new NameLookups(new SystemReverseResolver(), new EnrichOptions()));
        var sink = new EnrichingSink(rows, [enricher], TimeSpan.FromSeconds(2), new ListLogger());

        sink.Add(Endpoint("127.0.0.1", "127.0.0.1"));
        sink.Add(Endpoint("0.0.0.0", "::ffff:127.0.0.1"));

        Assert.Equal(0, sink.Complete(TimeSpan.FromSeconds(5)));
        var (connection, listening) = (rows.All<EndpointFact>()[0], rows.All<EndpointFact>()[1]);
        Assert.Equal(("localhost", "localhost"), (connection.SourceFqdn, connection.DestFqdn));
        Assert.Equal((null, "localhost"), (listening.SourceFqdn, listening.DestFqdn));
    }

    [Fact]
    public async Task A_ptr_answer_from_a_configured_server_is_the_name_and_is_asked_for_once()
    {
        using var server = PtrResponder.Answering(IPAddress.Loopback).Name(Irc, "undernet.irc.example.net");
        using var lookups = Lookups(server, new EnrichOptions());

        var (_, _, pending) = lookups.Find(Irc);

        Assert.Equal("undernet.irc.example.net", await pending!.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal((true, "undernet.irc.example.net", null), lookups.Find(Irc));
        Assert.Equal(1, server.Questions);
    }

    [Fact]
    public async Task An_address_without_a_name_stays_null_and_the_miss_is_cached()
    {
        using var server = PtrResponder.Answering(IPAddress.Loopback);
        using var lookups = Lookups(server, new EnrichOptions());

        Assert.Null(await lookups.Find(Irc).Pending!.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal((true, null, null), lookups.Find(Irc));
        Assert.Equal(1, server.Questions);
    }

    [Fact]
    public async Task A_miss_is_asked_for_again_once_its_ttl_passed()
    {
        using var server = PtrResponder.Answering(IPAddress.Loopback);
        using var lookups = Lookups(server, new EnrichOptions { MissTtl = TimeSpan.FromMilliseconds(300) });
        Assert.Null(await lookups.Find(Irc).Pending!.WaitAsync(TimeSpan.FromSeconds(5)));

        server.Name(Irc, "irc.example.net");
        await Task.Delay(400);
        var (known, _, pending) = lookups.Find(Irc);

        Assert.False(known);
        Assert.Equal("irc.example.net", await pending!.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(2, server.Questions);
    }

    public static TheoryData<string, byte[][]> HostileNames => new()
    {
        { "a newline", [[.. "evil\nINSERT"u8], [.. "example"u8]] },
        { "a terminal escape", [[.. "irc\u001b[2J"u8], [.. "example"u8]] },
        { "a NUL byte", [[.. "irc\0"u8], [.. "example"u8]] },
        { "a quote", [[.. "irc'--"u8], [.. "example"u8]] },
        { "a space", [[.. "irc server"u8], [.. "example"u8]] },
        { "non-ASCII text", [[.. "ünïcödé"u8], [.. "example"u8]] },
        { "255 characters", [.. Enumerable.Repeat(Enumerable.Repeat((byte)'a', 63).ToArray(), 4)] },
    };

    [Theory]
    [MemberData(nameof(HostileNames))]
    public async Task A_ptr_answer_that_is_not_plain_host_name_text_is_no_name(string what, byte[][] labels)
    {
        using var server = PtrResponder.Answering(IPAddress.Loopback).Name(Irc, labels);
        using var lookups = Lookups(server, new EnrichOptions());

        var name = await lookups.Find(Irc).Pending!.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(name is null, $"{what}: kept as {name}");
        Assert.Equal(1, server.Questions);
    }

    [Fact]
    public void A_resolver_that_never_answers_delays_no_row_past_the_wait_and_holds_at_most_its_lookup_slots()
    {
        using var dead = PtrResponder.Silent(IPAddress.Parse("127.0.0.53"));
        var options = new EnrichOptions { LookupTimeout = TimeSpan.FromSeconds(30), MaxConcurrentLookups = 4 };
        var rows = new TimedSink();
        using var enricher = new ReverseDnsEnricher(Lookups(dead, options));
        var wait = TimeSpan.FromMilliseconds(150);
        var sink = new EnrichingSink(rows, [enricher], wait, new ListLogger());

        var added = new List<long>();
        var slowestAdd = TimeSpan.Zero;
        for (var i = 0; i < 200; i++)
        {
            var before = Stopwatch.GetTimestamp();
            sink.Add(Endpoint("127.0.0.1", $"198.51.100.{i % 250}", destPort: i));
            added.Add(Stopwatch.GetTimestamp());
            slowestAdd = TimeSpan.FromTicks(Math.Max(slowestAdd.Ticks, Stopwatch.GetElapsedTime(before).Ticks));
        }
        Assert.Equal(0, sink.Complete(TimeSpan.FromSeconds(10)));

        var handedOn = rows.Rows;
        Assert.Equal(Enumerable.Range(0, 200), handedOn.Select(r => ((EndpointFact)r.Row).DestPort));
        Assert.All(handedOn, r => Assert.Null(((EndpointFact)r.Row).DestFqdn));
        var longestHeld = handedOn.Select((r, i) => Stopwatch.GetElapsedTime(added[i], r.Arrived)).Max();
        Assert.True(longestHeld < wait + TimeSpan.FromMilliseconds(250), $"a row was held {longestHeld.TotalMilliseconds} ms");
        Assert.True(slowestAdd < TimeSpan.FromMilliseconds(50), $"a collector waited {slowestAdd.TotalMilliseconds} ms to add");
        // Source 127.0.0.1 is not asked for: the server is only for the four slots' addresses.
        Assert.InRange(dead.Questions, 1, 4);
    }

    [Fact]
    public async Task A_lookup_not_answered_in_time_is_a_cached_miss_and_frees_its_slot()
    {
        using var dead = PtrResponder.Silent(IPAddress.Parse("127.0.0.53"));
        var options = new EnrichOptions { LookupTimeout = TimeSpan.FromMilliseconds(300), MaxConcurrentLookups = 1 };
        using var lookups = Lookups(dead, options);

        var started = Stopwatch.GetTimestamp();
        Assert.Null(await lookups.Find(Irc).Pending!.WaitAsync(TimeSpan.FromSeconds(5)));
        var took = Stopwatch.GetElapsedTime(started);

        Assert.InRange(took, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(2));
        Assert.Equal((true, null, null), lookups.Find(Irc));
        await Eventually.True(() => lookups.Find(IPAddress.Parse("192.0.2.8")).Pending is not null, "the slot freed for the next address");
    }

    private static NameLookups Lookups(PtrResponder server, EnrichOptions options) =>
        new(new DnsServerReverseResolver([server.Endpoint], options.LookupTimeout), options);

    private static EndpointFact Endpoint(string source, string dest, int destPort = 6667) => new()
    {
        Transport = "tcp",
        SourceIp = source,
        SourcePort = 40_000,
        DestIp = dest,
        DestPort = destPort,
        IpVersion = 4,
        Username = "root",
        Pid = Environment.ProcessId,
        Application = "test",
        Created = DateTime.UtcNow,
    };
}
