using Luarm.Rules.Compilation;
using Luarm.Rules.Model;
using Luarm.Rules.Runtime;
using Luarm.Store.Alerts;
using Luarm.Store.Facts;

namespace Luarm.Rules.Tests;

/// <summary>
/// Standalone counts run beside the Rete network (<see cref="SlidingCountRule"/>); these
/// tests hold them to what the Rete network's collect aggregate does with the same rule.
/// </summary>
public sealed class SlidingCountTests : IDisposable
{
    private static readonly DateTime T0 = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly RuleFolder _folder = new RuleFolder().WithShippedLibrary();

    public void Dispose() => _folder.Dispose();

    private DetectionRule Rule(string count, string within, string condition = "destport|in: [6667, 6697]", string kind = "endpoint")
    {
        _folder.Write("rule.yaml", $$"""
            id: T-COUNT
            title: a standalone count
            severity: low
            match:
              conns:
                {{kind}}:
                  {{condition}}
                count: {{count}}
                within: {{within}}
            output: "{conns.count}"
            """);
        var rule = _folder.LoadRule("T-COUNT");
        Assert.True(SlidingCountRule.Fits(rule));
        return rule;
    }

    private static EndpointFact Connection(long id, int pid, DateTime at, int port = 6667, string ip = "192.0.2.1", int host = 1) =>
        new() { EndpointInfo = id, HostId = host, Pid = pid, DestIp = ip, DestPort = port, Created = at };

    /// <summary>A bursty stream: a few processes on two hosts, times on whole seconds so many facts tie.</summary>
    private static List<EndpointFact> Stream(int seed, int count)
    {
        var random = new Random(seed);
        var at = T0;
        return Enumerable.Range(1, count).Select(id =>
        {
            at = at.AddSeconds(random.Next(0, 20) == 0 ? random.Next(30, 400) : random.Next(0, 3));
            return Connection(id, 100 + random.Next(3), at, random.Next(5) == 0 ? 443 : 6667, $"192.0.2.{random.Next(1, 9)}", 1 + random.Next(2));
        }).ToList();
    }

    [Theory]
    [InlineData(5, "by: [pid]", "2m")]
    [InlineData(3, "", "30s")]
    [InlineData(4, "distinct: destip, by: [pid, destport]", "1m")]
    [InlineData(2, "distinct: destip", "10s")]
    public void Every_window_that_the_Rete_network_fires_fires_here_in_any_arrival_order(int atLeast, string options, string within)
    {
        var rule = Rule($"{{at_least: {atLeast}{(options.Length > 0 ? ", " + options : "")}}}", within, condition: "destport|gt: 0");
        var rules = CompiledRuleSet.Compile([rule]);
        Assert.Single(rules.SlidingCounts);
        for (var seed = 1; seed <= 12; seed++)
        {
            var facts = Stream(seed, 400);
            var rete = ShuffledFeed.Run(ReteOnly.Session(rule), facts, seed);
            var sliding = ShuffledFeed.Run(rules.CreateSession(), facts, seed);
            Assert.NotEmpty(rete);
            // Each anchor that reaches the threshold fires once in both: the same windows, opened at the same times.
            Assert.Equal(rete.Select(a => (a.HostId, a.FirstSeen)).Order(), sliding.Select(a => (a.HostId, a.FirstSeen)).Order());
            Assert.All(sliding, a => Assert.Equal(atLeast.ToString(System.Globalization.CultureInfo.InvariantCulture), a.Message));
        }
    }

    [Fact]
    public void In_order_a_match_holds_the_window_up_to_the_fact_that_reached_the_threshold()
    {
        var rules = CompiledRuleSet.Compile([Rule("{at_least: 3, by: [pid]}", "1m")]);
        var session = rules.CreateSession();
        session.Insert([Connection(1, 7, T0), Connection(2, 8, T0), Connection(3, 7, T0.AddSeconds(10))]);
        Assert.Empty(session.Fire());
        session.Insert([Connection(4, 7, T0.AddSeconds(20)), Connection(5, 7, T0.AddSeconds(30))]);
        var alerts = session.Fire();
        // The window at 0s reached 3 with fact 4; the window at 10s with fact 5.
        Assert.Equal([[1, 3, 4], [3, 4, 5]], alerts.Select(a => a.Evidence.Select(e => e.FactId).ToArray()));
    }

    [Fact]
    public void Facts_stamped_the_same_time_share_their_window_whatever_their_ids()
    {
        var session = CompiledRuleSet.Compile([Rule("{at_least: 3}", "1m")]).CreateSession();
        session.Insert([Connection(1, 7, T0), Connection(2, 7, T0), Connection(3, 7, T0)]);
        var alerts = session.Fire();
        Assert.Equal(3, alerts.Count);
        Assert.All(alerts, a => Assert.Equal([1L, 2, 3], a.Evidence.Select(e => e.FactId)));
    }

    [Fact]
    public void A_late_fact_completes_a_window_that_had_already_closed()
    {
        var session = CompiledRuleSet.Compile([Rule("{at_least: 3, distinct: destip}", "1m")]).CreateSession();
        session.Insert([Connection(1, 7, T0, ip: "192.0.2.1"), Connection(2, 7, T0.AddSeconds(50), ip: "192.0.2.2"), Connection(3, 7, T0.AddMinutes(5), ip: "192.0.2.3")]);
        Assert.Empty(session.Fire());
        session.Insert([Connection(4, 7, T0.AddSeconds(20), ip: "192.0.2.9")]);
        var alert = Assert.Single(session.Fire());
        Assert.Equal([1L, 2, 4], alert.Evidence.Select(e => e.FactId));
        Assert.Equal(T0, alert.FirstSeen);
        Assert.Equal(T0.AddSeconds(50), alert.LastSeen);
    }

    [Fact]
    public void Facts_that_left_the_session_are_no_longer_counted()
    {
        var session = CompiledRuleSet.Compile([Rule("{at_least: 3}", "10m")]).CreateSession();
        var old = new[] { Connection(1, 7, T0), Connection(2, 7, T0.AddMinutes(1)) };
        session.Insert(old);
        Assert.Empty(session.Fire());
        session.Retract(old);
        session.Insert([Connection(3, 7, T0.AddMinutes(2))]);
        Assert.Empty(session.Fire());
        session.Insert([Connection(4, 7, T0.AddMinutes(3)), Connection(5, 7, T0.AddMinutes(4))]);
        var alert = Assert.Single(session.Fire());
        Assert.Equal([new Evidence("netinfo", 3), new Evidence("netinfo", 4), new Evidence("netinfo", 5)], alert.Evidence);
    }

    [Fact]
    public void A_fact_that_changes_is_counted_as_it_is_now()
    {
        var rule = Rule("{at_least: 2, by: [username]}", "5m", condition: "destroyed|exists: true", kind: "process");
        foreach (var session in new[] { CompiledRuleSet.Compile([rule]).CreateSession(), ReteOnly.Session(rule) })
        {
            var processes = new[]
            {
                new ProcessFact { PsEntity = 1, HostId = 1, Pid = 10, Username = "eve", Created = T0 },
                new ProcessFact { PsEntity = 2, HostId = 1, Pid = 11, Username = "eve", Created = T0.AddMinutes(1) },
            };
            session.Insert(processes);
            Assert.Empty(session.Fire());
            foreach (var process in processes)
            {
                process.Destroyed = T0.AddMinutes(2);
                session.Update(process);
            }
            var alert = Assert.Single(session.Fire());
            Assert.Equal([new Evidence("psinfo", 1), new Evidence("psinfo", 2)], alert.Evidence);
        }
    }
}
