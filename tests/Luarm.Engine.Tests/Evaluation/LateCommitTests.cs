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
