using Luarm.Rules.Compilation;
using Luarm.Rules.Model;
using Luarm.Rules.Runtime;
using Luarm.Store.Alerts;
using Luarm.Store.Facts;

namespace Luarm.Rules.Tests;

/// <summary>
/// Counts joined to a fact run beside the Rete network (<see cref="JoinedCountRule"/>);
/// these tests hold them to what the Rete network's collect aggregate does with the same rule.
/// </summary>
public sealed class JoinedCountTests : IDisposable
{
    private static readonly DateTime T0 = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly RuleFolder _folder = new RuleFolder().WithShippedLibrary();

    public void Dispose() => _folder.Dispose();

    private DetectionRule Rule(string conns, string extra = "")
    {
        _folder.Write("rule.yaml", $$"""
            id: T-JOINED
            title: a count joined to a process
            severity: low
            match:
              proc:
                process:
                  username|in: [www-data, nobody]
              conns:
                endpoint:
                  pid: proc.pid
                  destport|gt: 0
            {{conns}}
            output: "{proc.username} {proc.pid} {conns.count}"
            {{extra}}
            """);
        var rule = _folder.LoadRule("T-JOINED");
        Assert.True(JoinedCountRule.Fits(rule));
        return rule;
    }

    private static ProcessFact Process(long id, int pid, DateTime at, string user = "www-data", DateTime? ended = null, int host = 1) =>
        new() { PsEntity = id, HostId = host, Pid = pid, Username = user, Command = "/usr/bin/perl", Created = at, Destroyed = ended };

    private static EndpointFact Connection(long id, int pid, DateTime at, string ip = "192.0.2.1", int host = 1) =>
        new() { EndpointInfo = id, HostId = host, Pid = pid, DestIp = ip, DestPort = 6667, Created = at };

    /// <summary>Processes (some already ended, pids reused, two hosts) and their bursts of connections, in event-time order.</summary>
    private static List<object> Stream(int seed, int count)
    {
        var random = new Random(seed);
        var facts = new List<object>();
        var at = T0;
        long processes = 0, connections = 0;
        for (var i = 0; i < count; i++)
        {
            at = at.AddSeconds(random.Next(0, 8));
            var host = 1 + random.Next(2);
            var pid = 100 + random.Next(4);
            if (random.Next(5) == 0)
            {
                var ended = random.Next(3) == 0 ? at.AddSeconds(random.Next(5, 90)) : (DateTime?)null;
                facts.Add(Process(++processes, pid, at, random.Next(4) == 0 ? "root" : "www-data", ended, host));
            }
            else
            {
                facts.Add(Connection(++connections, pid, at, $"192.0.2.{random.Next(1, 6)}", host));
            }
        }
        return facts;
    }

    private static (int Host, long Process)[] Anchors(IEnumerable<RuleAlert> alerts) =>
        [.. alerts.Select(a => (a.HostId, a.Evidence.Single(e => e.FactTable == "psinfo").FactId)).Order()];

    [Theory]
    [InlineData("    after: proc\n    within: 2m\n    count: {at_least: 3}", "")]
    [InlineData("    after: proc\n    within: 1m\n    count: {at_least: 3, distinct: destip}", "")]
    [InlineData("    within: 1m\n    count: {at_least: 2}", "")]
    [InlineData("    after: proc\n    within: 3m\n    count: {at_least: 2}", "exceptions:\n  - reason: the site's resolver\n    conns.destip: 192.0.2.1")]
    public void Every_process_the_Rete_network_fires_for_fires_here_in_any_arrival_order(string conns, string extra)
    {
        var rule = Rule(conns, extra);
        var rules = CompiledRuleSet.Compile([rule]);
        Assert.Single(rules.JoinedCounts);
        for (var seed = 1; seed <= 12; seed++)
        {
            var facts = Stream(seed, 600);
            var rete = ShuffledFeed.Run(ReteOnly.Session(rule), facts, seed);
            var joined = ShuffledFeed.Run(rules.CreateSession(), facts, seed);
            Assert.NotEmpty(rete);
            Assert.Equal(Anchors(rete), Anchors(joined));
        }
    }

    [Fact]
    public void A_match_holds_the_process_and_its_facts_up_to_the_threshold()
    {
        var session = CompiledRuleSet.Compile([Rule("    after: proc\n    within: 2m\n    count: {at_least: 2}")]).CreateSession();
        session.Insert([Process(1, 7, T0), Connection(1, 7, T0.AddSeconds(5)), Process(2, 8, T0), Connection(2, 8, T0.AddSeconds(6))]);
        Assert.Empty(session.Fire());
        session.Insert([Connection(3, 7, T0.AddSeconds(10)), Connection(4, 7, T0.AddSeconds(11))]);
        var alert = Assert.Single(session.Fire());
        Assert.Equal([new Evidence("netinfo", 1), new Evidence("netinfo", 3), new Evidence("psinfo", 1)], alert.Evidence);
        Assert.Equal("www-data 7 2", alert.Message);
    }

    [Fact]
    public void A_process_end_read_later_keeps_a_reused_pid_out_as_in_the_Rete_network()
    {
        var rule = Rule("    after: proc\n    within: 5m\n    count: {at_least: 3}");
        foreach (var session in new[] { CompiledRuleSet.Compile([rule]).CreateSession(), ReteOnly.Session(rule) })
        {
            var process = Process(1, 7, T0);
            session.Insert([process, Connection(1, 7, T0.AddSeconds(5)), Connection(2, 7, T0.AddSeconds(10))]);
            Assert.Empty(session.Fire());
            process.Destroyed = T0.AddSeconds(20);
            session.Update(process);
            // The pid's next owner: after the end, so not this process's.
            session.Insert([Connection(3, 7, T0.AddSeconds(30))]);
            Assert.Empty(session.Fire());
            // A late row of the process itself, before its end.
            session.Insert([Connection(4, 7, T0.AddSeconds(15))]);
            var alert = Assert.Single(session.Fire());
            Assert.Equal([1L, 2, 4], alert.Evidence.Where(e => e.FactTable == "netinfo").Select(e => e.FactId));
        }
    }
}
