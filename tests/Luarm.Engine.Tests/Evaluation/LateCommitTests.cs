using Luarm.Engine.Evaluation;
using Luarm.Engine.Tests.Support;
using Luarm.Store.Access;
using Luarm.Store.Ends;
using Luarm.Store.Facts;
using Luarm.Testing;
using MySqlConnector;

namespace Luarm.Engine.Tests.Evaluation;

/// <summary>Rows that become visible out of id order, and device ends, as the engine sees them.</summary>
public sealed class LateCommitTests
{
    private static readonly DateTime T0 = new(2011, 2, 5, 7, 11, 0, DateTimeKind.Utc);

    [Fact]
    public async Task A_row_committed_after_a_row_with_a_higher_id_is_not_skipped()
    {
        await using var test = await TestStore.CreateAsync(StoreDialect.MySql);
        var engine = EngineHarness.Over(test);
        await using var slowAgent = new MySqlConnection(test.ConnectionString);
        await slowAgent.OpenAsync();
        await using var open = await slowAgent.BeginTransactionAsync();
        await using (var insert = new MySqlCommand(
            "INSERT INTO psinfo (hostid, username, pid, ppid, command, arguments, cwd, created) VALUES (1, 'nobody', 100, 8343, '/usr/bin/perl', './x', '/tmp', @created)",
            slowAgent, open))
        {
            insert.Parameters.AddWithValue("@created", T0);
            await insert.ExecuteNonQueryAsync();
        }
        // A faster agent's row takes a higher id and commits first.
        await engine.Append(IrcBotFacts.Bot(pid: 200, T0.AddSeconds(1)));

        var run = engine.Cycle.RunOnceAsync();
        await Task.Delay(100);
        await open.CommitAsync();
        await run;
        await engine.Append(IrcBotFacts.Irc(pid: 100, T0.AddSeconds(30)));
        await engine.EvaluateAsync();

        var alert = Assert.Single(await engine.AlertsAsync(IrcBotFacts.RuleId));
        Assert.Contains("pid 100", alert.Message);
    }

    [Fact]
    public async Task A_catch_up_over_several_reads_waits_for_open_transactions_once()
    {
        await using var test = await TestStore.CreateAsync(StoreDialect.MySql);
        var engine = EngineHarness.Over(test);
        await engine.Append(Enumerable.Range(0, 1600).Select(i => IrcBotFacts.Irc(pid: 1000 + (i % 50), T0.AddSeconds(i))).ToArray());

        var reads = 0;
        var rows = 0;
        EvaluationResult result;
        do
        {
            result = await engine.Cycle.RunOnceAsync();
            rows += result.RowsRead;
            reads++;
        }
        while (result.More);

        // Batches of 500: four reads, and only the first waited; the ids it took were settled for the rest.
        Assert.Equal(1600, rows);
        Assert.Equal(4, reads);
        Assert.Equal(1, engine.Cycle.SettlePauses);
        await engine.Append(IrcBotFacts.Irc(pid: 1, T0.AddHours(1)));
        Assert.Equal(1, (await engine.Cycle.RunOnceAsync()).RowsRead);
        Assert.Equal(2, engine.Cycle.SettlePauses);
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task A_device_end_read_later_updates_the_device_in_the_session(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var engine = EngineHarness.Over(test);
        var stick = new DeviceFact { HostId = 1, DevBus = "usb", DevString = "1-1 0781:5567 Cruzer Blade", DevVendor = "SanDisk", Created = T0 };
        await engine.Append(stick);
        await engine.EvaluateAsync();

        await engine.Append(new DeviceEnd { HostId = 1, DevBus = "usb", DevString = stick.DevString, Destroyed = T0.AddSeconds(20) });
        await engine.EvaluateAsync();

        var held = engine.Cycle.SessionFacts(hostId: 1).OfType<DeviceFact>().Single();
        Assert.Equal(T0.AddSeconds(20), held.Destroyed);
    }
}
