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

    [Fact]
    public async Task An_absence_is_not_concluded_before_a_lagging_table_brings_the_fact_that_cancels_it()
    {
        await using var test = await TestStore.CreateAsync(StoreDialect.Sqlite);
        var engine = EngineHarness.Over(test);
        // A stick attached at T0 and scanned five minutes later; connections are sparse (hours per
        // batch) and run far ahead of the dense processes that hold the scan.
        await engine.Append(new DeviceFact { HostId = 1, DevBus = "usb", DevString = "Kingston DataTraveler Mass Storage", Created = T0 });
        await engine.Append(Enumerable.Range(0, 600).Select(i => Https(pid: 77, T0.AddSeconds(30 * i))).ToArray());
        await engine.Append(Enumerable.Range(0, 3_000)
            .Select(i => i == 1_500
                ? new ProcessFact { HostId = 1, Username = "alice", Pid = 4242, Ppid = 1, Command = "/usr/bin/clamscan", Arguments = "-r /media/alice", Cwd = "/", Created = T0.AddMinutes(5) }
                : Daemon(pid: 1_000 + i, T0.AddSeconds(0.2 * i)))
            .ToArray());

        await engine.EvaluateAsync();

        Assert.Empty(await engine.AlertsAsync("LUARM-USB-001"));
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
