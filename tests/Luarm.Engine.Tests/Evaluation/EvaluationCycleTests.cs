using Luarm.Engine.Tests.Support;
using Luarm.Store.Access;
using Luarm.Store.Alerts;
using Luarm.Store.Ends;
using Luarm.Store.Facts;
using Luarm.Testing;
using static Luarm.Engine.Tests.Support.IrcBotFacts;

namespace Luarm.Engine.Tests.Evaluation;

public sealed class EvaluationCycleTests
{
    private const string IrcBot = IrcBotFacts.RuleId;
    private const string IrcFlood = "LUARM-IRC-002";
    private static readonly DateTime T0 = new(2011, 2, 5, 7, 11, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task The_2011_incident_raises_one_irc_bot_alert_with_its_evidence(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var engine = EngineHarness.Over(test);
        await engine.Append(IncidentDataset.Processes.ToArray());
        await engine.Append(IncidentDataset.Endpoints.ToArray());

        await engine.EvaluateAsync();

        var alert = Assert.Single(await engine.AlertsAsync(IrcBot));
        var bot = (await new FactReader(test.Store).ReadAfterAsync<ProcessFact>(0, 100)).Single(p => p.Pid == 29312);
        Assert.Contains(new Evidence("psinfo", bot.PsEntity), alert.Evidence);
        Assert.Contains("nobody ran /usr/bin/perl ./x 85.121.125.74 0 0 from /tmp", alert.Message);
        Assert.Equal(IncidentDataset.BotConnectionsOn6670, alert.HitCount);
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task A_restarted_engine_skips_nothing_and_stores_no_alert_twice(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var engine = EngineHarness.Over(test);
        await engine.Append(Bot(pid: 100, T0));
        await engine.EvaluateAsync();

        // Killed after the process was evaluated: the connection arrives for the new engine,
        // which must rebuild the process from the store to correlate it.
        engine.Restart();
        await engine.Append(Irc(pid: 100, T0.AddSeconds(40)));
        await engine.EvaluateAsync();
        engine.Restart();
        await engine.EvaluateAsync();

        var alert = Assert.Single(await engine.AlertsAsync(IrcBot));
        Assert.Equal(1, alert.HitCount);
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task Hits_after_a_restart_fold_into_the_alert_whose_suppression_window_is_open(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var engine = EngineHarness.Over(test);
        // LUARM-IRC-002: five IRC connections of one process within 10 minutes, one alert per process and hour.
        // Its burst runs for 30 minutes, longer than the sessions keep facts (15 minutes).
        var burst = Enumerable.Range(0, 31).Select(i => Irc(pid: 100, T0.AddMinutes(i))).ToArray();
        await engine.Append(burst[..20]);
        await engine.EvaluateAsync();
        var before = Assert.Single(await engine.AlertsAsync(IrcFlood));

        // Killed: the new engine replays the last 15 minutes, which raises nothing again,
        // and takes up the alert's window, so the rest of the burst adds hits to it.
        engine.Restart();
        await engine.Append(burst[20..]);
        await engine.EvaluateAsync();

        var after = Assert.Single(await engine.AlertsAsync(IrcFlood));
        Assert.Equal(before.AlertKey, after.AlertKey);
        // A window opens at each connection; the last four have fewer than five after them.
        Assert.Equal(16, before.HitCount);
        Assert.Equal(27, after.HitCount);
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task A_host_that_uploads_hours_late_is_correlated_on_its_own_clock(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var engine = EngineHarness.Over(test);
        await engine.Append(Bot(pid: 7, T0.AddHours(5), host: 2), Bot(pid: 8, T0, host: 1));
        await engine.EvaluateAsync();

        // Host 2 is five hours ahead; host 1's spool arrives now with its old connection.
        await engine.Append(Irc(pid: 8, T0.AddMinutes(2), host: 1));
        await engine.EvaluateAsync();

        var alert = Assert.Single(await engine.AlertsAsync(IrcBot));
        Assert.Equal(1, alert.HostId);
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task A_process_end_read_later_updates_the_fact_in_the_session(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var engine = EngineHarness.Over(test);
        await engine.Append(Bot(pid: 55, T0));
        await engine.EvaluateAsync();

        await engine.Append(new ProcessEnd { HostId = 1, Pid = 55, Destroyed = T0.AddSeconds(5) });
        await engine.EvaluateAsync();
        await engine.Append(Irc(pid: 55, T0.AddSeconds(40)));
        await engine.EvaluateAsync();

        // The connection came from a later process that reused pid 55, not from the bot.
        Assert.Empty(await engine.AlertsAsync(IrcBot));
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task A_login_end_read_later_closes_that_session_in_the_session_facts(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var engine = EngineHarness.Over(test);
        await engine.Append(
            new LoginFact { HostId = 1, Username = "alice", Tty = "pts/0", Pid = 4100, SessionId = 7, Created = T0 },
            new LoginFact { HostId = 1, Username = "bob", Tty = "pts/1", Pid = 4100, SessionId = 8, Created = T0 });
        await engine.EvaluateAsync();

        await engine.Append(new LoginEnd { HostId = 1, Pid = 4100, Tty = "pts/0", Created = T0, Destroyed = T0.AddMinutes(20) });
        await engine.EvaluateAsync();

        var held = engine.Cycle.SessionFacts(hostId: 1).OfType<LoginFact>().OrderBy(l => l.Tty).ToArray();
        Assert.Equal([T0.AddMinutes(20), null], held.Select(l => l.Destroyed));
    }

    [Fact]
    public async Task Memory_stays_within_the_window_as_a_host_keeps_sending()
    {
        await using var test = await TestStore.CreateAsync(StoreDialect.Sqlite);
        var engine = EngineHarness.Over(test);
        var held = new List<int>();
        for (var hour = 0; hour < 6; hour++)
        {
            var rows = Enumerable.Range(0, 300).Select(i => new EndpointFact
            {
                HostId = 1,
                Transport = "tcp",
                SourceIp = "127.0.0.1",
                SourcePort = 1000 + i,
                DestIp = "127.0.0.2",
                DestPort = 443,
                IpVersion = 4,
                Username = "alice",
                Pid = 10 + i,
                Application = "curl",
                Created = T0.AddHours(hour).AddSeconds(i),
            }).ToArray();
            await engine.Append(rows);
            var result = await engine.Cycle.RunOnceAsync();
            held.Add(result.FactsInSessions);
        }

        // Every hour brings 300 facts; the window is far shorter than an hour.
        Assert.All(held, count => Assert.InRange(count, 1, 300));
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task Rows_stamped_in_the_future_are_skipped_and_the_engine_moves_on(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var engine = EngineHarness.Over(test);
        await engine.Append(Bot(pid: 9, new DateTime(2200, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        await engine.Append(new ProcessFact { HostId = 1, Username = "", Pid = 1, Command = "", Arguments = new string('x', 1 << 20), Created = T0 });

        var first = await engine.Cycle.RunOnceAsync();
        await engine.Append(Bot(pid: 10, T0.AddMinutes(1)));
        await engine.Append(Irc(pid: 10, T0.AddMinutes(2)));
        await engine.EvaluateAsync();

        Assert.Equal(1, first.SkippedRows);
        Assert.Single(await engine.AlertsAsync(IrcBot));
    }

    [Fact]
    public async Task An_invalid_rule_set_is_refused_and_the_old_one_keeps_running()
    {
        await using var test = await TestStore.CreateAsync(StoreDialect.Sqlite);
        var folder = Directory.CreateTempSubdirectory("luarm-rules-");
        try
        {
            foreach (var file in Directory.GetFiles(RepositoryPaths.Rules, "*.yaml"))
            {
                File.Copy(file, Path.Combine(folder.FullName, Path.GetFileName(file)));
            }
            var rules = new Engine.Evaluation.ActiveRuleSet([folder.FullName]);
            Assert.True(rules.TryReload());
            File.WriteAllText(Path.Combine(folder.FullName, "broken.yaml"), "id: BROKEN\nmatch:\n  p:\n    process:\n      nosuchfield: 1\n");

            Assert.False(rules.TryReload());

            Assert.Equal(1, rules.Version);
            Assert.Contains(rules.Current.Rules, r => r.Definition.Id == IrcBot);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
