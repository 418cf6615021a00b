using Luarm.Engine.Tests.Support;
using Luarm.Store.Access;
using Luarm.Store.Facts;
using Luarm.Testing;

namespace Luarm.Engine.Tests.Evaluation;

/// <summary>Catching up on more rows than one run reads, as after a long stop of the engine.</summary>
public sealed class BacklogTests
{
    private static readonly DateTime T0 = new(2011, 2, 5, 7, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task Partners_in_tables_read_at_different_speeds_still_meet(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var engine = EngineHarness.Over(test);
        // Processes are sparse (two hours in a few batches), connections dense (minutes per batch):
        // the bot's process is read long before its connection at minute 8.
        var processes = Enumerable.Range(0, 1_200)
            .Select(i => i == 0 ? IrcBotFacts.Bot(pid: 29312, T0) : Daemon(pid: 1_000 + i, T0.AddSeconds(6 * i)))
            .ToArray();
        var connections = Enumerable.Range(0, 3_000)
            .Select(i => i == 2_400 ? IrcBotFacts.Irc(pid: 29312, T0.AddMinutes(8)) : Https(pid: 1_000 + (i % 50), T0.AddSeconds(i * 0.2)))
            .ToArray();
        await engine.Append(processes);
        await engine.Append(connections);

        await engine.EvaluateAsync();

        Assert.Single(await engine.AlertsAsync(IrcBotFacts.RuleId));
    }

    private static ProcessFact Daemon(int pid, DateTime at) => new()
    {
        HostId = 1,
        Username = "root",
        Pid = pid,
        Ppid = 1,
        Command = "/usr/sbin/cron",
        Arguments = "-f",
        Cwd = "/",
        Created = at,
    };

    private static EndpointFact Https(int pid, DateTime at) => new()
    {
        HostId = 1,
        Transport = "tcp",
        SourceIp = "192.0.2.10",
        SourcePort = 40000,
        DestIp = "198.51.100.1",
        DestPort = 443,
        IpVersion = 4,
        Username = "root",
        Pid = pid,
        Application = "curl",
        Created = at,
    };
}
