using Luarm.Rules.Compilation;
using Luarm.Rules.Loading;
using Luarm.Rules.Model;
using Luarm.Rules.Runtime;
using Luarm.Store.Alerts;
using Luarm.Store.Facts;
using Luarm.Testing;

namespace Luarm.Rules.Tests;

/// <summary>
/// How a session judges the windows of a scheduled absence as hosts' clocks move:
/// the shipped nightly backup rule (01:00-03:00 UTC), fed in batches as the engine does.
/// </summary>
public sealed class ScheduledAbsenceTests : IDisposable
{
    private static readonly DateTime Midnight = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly Lazy<DetectionRule> Backup = new(() =>
        RuleSetLoader.Load(RepositoryPaths.Rules).Rules.Single(r => r.Id == "LUARM-BACKUP-001") with { Enabled = true });

    private readonly RuleFolder _folder = new RuleFolder().WithShippedLibrary();
    private long _nextId;

    public void Dispose() => _folder.Dispose();

    private static DetectionSession BackupSession() => CompiledRuleSet.Compile([Backup.Value]).CreateSession();

    private ProcessFact Process(string command, DateTime at, int host = 1) =>
        new() { PsEntity = ++_nextId, HostId = host, Command = command, Created = at };

    private static DateTime Night(int day, int hour = 1) => Midnight.AddDays(day).AddHours(hour);

    [Fact]
    public void A_window_is_judged_once_the_clock_reaches_its_end_and_not_before()
    {
        var session = BackupSession();
        session.Insert([Process("/usr/sbin/cron", Midnight)]);
        session.AdvanceClock(1, Night(0, 3).AddTicks(-1));
        Assert.Empty(session.Fire());

        session.AdvanceClock(1, Night(0, 3));
        var alert = Assert.Single(session.Fire());

        Assert.Equal((1, Night(0, 1), Night(0, 3)), (alert.HostId, alert.FirstSeen, alert.LastSeen));
        Assert.Empty(alert.Evidence);
        Assert.Equal("no backup ran on host 1 between 2024-01-01 01:00:00.000000 and 2024-01-01 03:00:00.000000 UTC", alert.Message);
    }

    [Fact]
    public void A_clock_jump_in_a_later_batch_raises_one_alert_per_missed_window()
    {
        var session = BackupSession();
        session.Insert([Process("/usr/sbin/cron", Midnight)]);
        Assert.Empty(session.Fire());

        session.Insert([Process("/usr/bin/restic", Night(1, 2)), Process("/usr/sbin/cron", Night(3, 4))]);

        Assert.Equal([Night(0), Night(2), Night(3)], session.Fire().Select(a => a.FirstSeen).Order());
        Assert.Empty(session.Fire());
    }

    [Fact]
    public void A_silent_host_concludes_nothing_while_another_host_moves_on()
    {
        var session = BackupSession();
        session.Insert([Process("/usr/sbin/cron", Midnight, host: 1), Process("/usr/sbin/cron", Midnight, host: 2)]);
        session.AdvanceClock(2, Night(2, 3));

        Assert.Equal([2, 2, 2], session.Fire().Select(a => a.HostId));

        session.Insert([Process("/usr/sbin/cron", Night(0, 5), host: 1)]);
        var late = Assert.Single(session.Fire());
        Assert.Equal((1, Night(0)), (late.HostId, late.FirstSeen));
    }

    [Fact]
    public void A_judged_window_stays_judged_when_its_facts_expire()
    {
        var session = BackupSession();
        var backup = Process("/usr/bin/borg", Night(0, 2));
        session.Insert([Process("/usr/sbin/cron", Midnight), backup]);
        session.AdvanceClock(1, Night(0, 3));
        Assert.Empty(session.Fire());

        session.Retract([backup]);
        session.AdvanceClock(1, Night(0, 23));

        Assert.Empty(session.Fire());
    }

    [Fact]
    public void Alert_keys_are_the_same_for_the_same_window_and_differ_between_hosts_and_windows()
    {
        IReadOnlyList<RuleAlert> Evaluate()
        {
            var session = BackupSession();
            session.Insert([Process("/usr/sbin/cron", Midnight, host: 1), Process("/usr/sbin/cron", Midnight, host: 2)]);
            session.AdvanceClock(1, Night(1, 3));
            session.AdvanceClock(2, Night(1, 3));
            return session.Fire();
        }

        var first = Evaluate();
        var again = Evaluate();

        Assert.Equal(4, first.Select(a => a.AlertKey).Distinct().Count());
        Assert.Equal(first.Select(a => a.AlertKey).Order(), again.Select(a => a.AlertKey).Order());
        Assert.All(first, a => Assert.Equal(a.AlertKey, a.ToNewAlert().AlertKey));
        Assert.DoesNotContain(NewAlert.KeyOf("LUARM-BACKUP-001", []), first.Select(a => a.AlertKey));
    }

    [Fact]
    public void Rules_with_the_same_schedule_each_judge_its_windows()
    {
        _folder.Write("scan.yaml", """
            id: T-SCAN
            title: no scan at night
            severity: low
            match:
              scan:
                process: {command|basename: clamscan}
                absent: true
                schedule: {between: "01:00-03:00"}
            """);
        var session = CompiledRuleSet.Compile([Backup.Value, .. _folder.Load().Rules]).CreateSession();
        session.Insert([Process("/usr/sbin/cron", Midnight), Process("/usr/bin/clamscan", Night(0, 2))]);
        session.AdvanceClock(1, Night(0, 3));

        Assert.Equal("LUARM-BACKUP-001", Assert.Single(session.Fire()).RuleId);
    }

    [Fact]
    public void A_clock_that_jumps_to_the_end_of_time_opens_a_bounded_number_of_windows()
    {
        _folder.Write("often.yaml", """
            id: T-OFTEN
            title: a heartbeat every minute
            severity: info
            match:
              beat:
                process: {command|basename: heartbeat}
                absent: true
                schedule: {every: 1m}
            """);
        var session = CompiledRuleSet.Compile(_folder.Load().Rules).CreateSession();
        session.Insert([Process("/usr/sbin/cron", Midnight)]);
        session.AdvanceClock(1, DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc));

        var alerts = session.Fire().ToLookup(a => a.FirstSeen < Midnight.AddYears(7000));

        Assert.Equal([Midnight], alerts[true].Select(a => a.FirstSeen));
        Assert.Equal(ScheduleWindows.MostPerAdvance, alerts[false].Count());
        Assert.Equal(new DateTime(9999, 12, 31, 23, 58, 0), alerts[false].Max(a => a.FirstSeen)); // the last window ending by the end of time
    }

    [Fact]
    public void Sessions_keep_facts_for_the_longest_schedule_window()
    {
        Assert.Equal(TimeSpan.FromHours(2), CompiledRuleSet.Compile([Backup.Value]).LongestWindow);
        Assert.Equal(TimeSpan.FromHours(4), Schedule.Daily(TimeSpan.FromHours(22), TimeSpan.FromHours(2)).Length);
    }
}
