using Luarm.Rules.Compilation;
using Luarm.Rules.Loading;
using Luarm.Rules.Runtime;
using Luarm.Store.Alerts;
using Luarm.Store.Facts;
using Luarm.Testing;

namespace Luarm.Rules.Tests;

/// <summary>How a long-lived session behaves as facts arrive in batches, as the engine feeds it.</summary>
public sealed class SessionTests
{
    private static readonly DateTime T0 = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly Lazy<RuleLoadResult> Pack = new(() => RuleSetLoader.Load(RepositoryPaths.Rules));

    private static DetectionSession SessionOf(params string[] ids) =>
        CompiledRuleSet.Compile(Pack.Value.Rules.Where(r => ids.Contains(r.Id))).CreateSession();

    private static ProcessFact Bot(long id, int pid, DateTime at) =>
        new() { PsEntity = id, HostId = 1, Username = "nobody", Pid = pid, Command = "/usr/bin/perl", Cwd = "/tmp", Created = at };

    private static EndpointFact Connection(long id, int pid, DateTime at, int port = 6667) =>
        new() { EndpointInfo = id, HostId = 1, Username = "nobody", Pid = pid, Application = "crond", DestIp = "192.0.2.1", DestPort = port, Created = at };

    [Fact]
    public void Suppressed_hits_in_later_batches_add_to_the_same_alert()
    {
        var session = SessionOf("LUARM-IRC-001");
        session.Insert([Bot(1, 100, T0), Connection(1, 100, T0.AddSeconds(10))]);
        var first = Assert.Single(session.Fire());
        Assert.Equal(1, first.HitCount);
        session.Insert([Connection(2, 100, T0.AddSeconds(20)), Connection(3, 100, T0.AddSeconds(30))]);
        var again = Assert.Single(session.Fire());
        Assert.Same(first, again);
        Assert.Equal(3, again.HitCount);
        Assert.Equal(2, again.SuppressedHits);
        Assert.Equal(T0.AddSeconds(30), again.LastSeen);
        Assert.Equal([new Evidence("netinfo", 1), new Evidence("psinfo", 1)], again.Evidence);
        Assert.Equal(NewAlert.KeyOf("LUARM-IRC-001", again.Evidence), again.ToNewAlert().AlertKey);
    }

    [Fact]
    public void A_match_after_the_suppression_window_is_a_new_alert()
    {
        var session = SessionOf("LUARM-IRC-002");
        session.Insert(Enumerable.Range(0, 5).Select(i => Connection(i + 1, 7, T0.AddMinutes(i))));
        Assert.Single(session.Fire());
        session.Insert(Enumerable.Range(0, 5).Select(i => Connection(i + 10, 7, T0.AddHours(2).AddMinutes(i))));
        var later = Assert.Single(session.Fire());
        Assert.Equal(T0.AddHours(2), later.FirstSeen);
        Assert.Equal(1, later.HitCount);
    }

    [Fact]
    public void Facts_that_arrive_out_of_order_are_correlated_in_event_time()
    {
        var session = SessionOf("LUARM-IRC-001");
        session.Insert([Connection(1, 100, T0.AddSeconds(10))]);
        Assert.Empty(session.Fire());
        session.Insert([Bot(1, 100, T0)]);
        Assert.Single(session.Fire());
    }

    [Fact]
    public void A_match_fires_once_even_when_its_count_grows()
    {
        var rule = Pack.Value.Rules.Single(r => r.Id == "LUARM-IRC-002") with { Suppress = null };
        var session = CompiledRuleSet.Compile([rule]).CreateSession();
        session.Insert(Enumerable.Range(0, 5).Select(i => Connection(i + 1, 7, T0.AddMinutes(i))));
        var first = Assert.Single(session.Fire());
        Assert.Equal(5, first.Evidence.Count);
        // The first window grows to 6 facts without firing again; the window opened by the second fact now reaches 5 and fires.
        session.Insert([Connection(6, 7, T0.AddMinutes(5))]);
        var second = Assert.Single(session.Fire());
        Assert.Equal(Enumerable.Range(2, 5).Select(i => new Evidence("netinfo", i)), second.Evidence);
    }

    [Fact]
    public void An_absence_is_concluded_when_later_facts_move_the_host_clock()
    {
        var session = SessionOf("LUARM-USB-001");
        session.Insert([new DeviceFact { HwDevice = 1, HostId = 1, DevBus = "usb", DevString = "Mass Storage", Created = T0 }]);
        Assert.Empty(session.Fire());
        session.Insert([Connection(1, 5, T0.AddMinutes(10))]);
        Assert.Empty(session.Fire());
        session.Insert([Connection(2, 5, T0.AddMinutes(16))]);
        var alert = Assert.Single(session.Fire());
        Assert.Equal([new Evidence("hwinfo", 1)], alert.Evidence);
    }

    [Fact]
    public void The_clock_of_one_host_does_not_conclude_absences_on_another()
    {
        var session = SessionOf("LUARM-USB-001");
        session.Insert([new DeviceFact { HwDevice = 1, HostId = 1, DevBus = "usb", DevString = "Mass Storage", Created = T0 }]);
        session.AdvanceClock(2, T0.AddHours(1));
        Assert.Empty(session.Fire());
        session.AdvanceClock(1, T0.AddHours(1));
        Assert.Single(session.Fire());
    }

    [Fact]
    public void A_fact_stamped_at_the_end_of_time_does_not_break_the_session()
    {
        var session = SessionOf("LUARM-IRC-001", "LUARM-IRC-002", "LUARM-USB-001");
        var end = DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc);
        session.Insert([Bot(1, 100, end), Connection(1, 100, end), new DeviceFact { HwDevice = 1, HostId = 1, DevBus = "usb", DevString = "Mass Storage", Created = end }]);
        Assert.Single(session.Fire());
    }

    [Fact]
    public void Retracted_facts_no_longer_match()
    {
        var session = SessionOf("LUARM-IRC-001");
        var bot = Bot(1, 100, T0);
        session.Insert([bot]);
        session.Retract([bot]);
        session.Insert([Connection(1, 100, T0.AddSeconds(10))]);
        Assert.Empty(session.Fire());
    }

    [Fact]
    public void The_rule_set_reports_the_longest_window_sessions_must_keep()
    {
        var compiled = CompiledRuleSet.Compile(Pack.Value.Rules);
        Assert.Equal(TimeSpan.FromMinutes(15), compiled.LongestWindow);
        Assert.Equal(Pack.Value.Rules.Count(r => r.Enabled), compiled.Rules.Count);
    }
}
