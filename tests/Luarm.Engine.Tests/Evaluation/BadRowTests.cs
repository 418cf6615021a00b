using Luarm.Engine.Tests.Support;
using Luarm.Store.Access;
using Luarm.Testing;

namespace Luarm.Engine.Tests.Evaluation;

/// <summary>Rows the engine cannot read are skipped, once, and never stop it.</summary>
public sealed class BadRowTests
{
    private static readonly DateTime T0 = new(2011, 2, 5, 7, 11, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(StoreDialect.Sqlite, "'not a time'")]
    [InlineData(StoreDialect.Sqlite, "'2011-02-31 99:99:99'")]
    [InlineData(StoreDialect.MySql, "'0000-00-00 00:00:00'")] // MariaDB's default sql_mode lets a zero date in
    public async Task A_row_with_an_unreadable_time_is_skipped_and_its_neighbours_are_evaluated(StoreDialect dialect, string created)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var engine = EngineHarness.Over(test);
        await engine.Append(IrcBotFacts.Bot(pid: 100, T0));
        await new SqlQuery(test.Store).RunAsync(
            $"INSERT INTO psinfo (hostid, username, pid, ppid, command, arguments, created) VALUES (1, 'nobody', 7, 1, '/bin/sh', '', {created})");
        await engine.Append(IrcBotFacts.Irc(pid: 100, T0.AddSeconds(30)));

        await engine.EvaluateAsync();
        engine.Restart();
        await engine.Append(IrcBotFacts.Bot(pid: 200, T0.AddMinutes(1)));
        await engine.Append(IrcBotFacts.Irc(pid: 200, T0.AddMinutes(2)));
        await engine.EvaluateAsync();

        Assert.Equal(2, (await engine.AlertsAsync(IrcBotFacts.RuleId)).Count);
    }
}
