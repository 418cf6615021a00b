using System.Diagnostics;
using Dapper;
using Luarm.Store.Access;
using Luarm.Store.Alerts;
using Luarm.Testing;
using Xunit.Abstractions;
using static Luarm.Engine.Tests.Support.IrcBotFacts;

namespace Luarm.Engine.Tests.Cluster;

public sealed class ClusterTakeoverTests(ITestOutputHelper log)
{
    private const int Shards = 8;
    private const int Hosts = 16;
    private const double CheckInSeconds = 1;
    private static readonly DateTime T0 = new(2011, 2, 5, 7, 11, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    // A node is declared dead one check-in interval after its last check-in plus one more
    // (the misfire threshold); then its shards are acquired at their next firing.
    private static readonly TimeSpan TakeoverBound = TimeSpan.FromSeconds(2 * CheckInSeconds + 6);

    [Fact]
    public async Task Two_engines_share_the_shards_and_the_survivor_takes_over_a_killed_one()
    {
        await using var test = await TestStore.CreateAsync(StoreDialect.MySql);
        var folder = Directory.CreateTempSubdirectory("luarm-cluster-");
        var config = WriteConfig(folder.FullName, test.ConnectionString);
        var doomed = EngineNode.Start(config);
        var survivor = EngineNode.Start(config);
        try
        {
            await WaitUntilAsync(async () => (await ShardHoldersAsync(test.Store)) is var holders && holders.Any(doomed.Is) && holders.Any(survivor.Is),
                "shards held by each node", doomed, survivor);
            await AppendWaveAsync(test.Store, pidBase: 1000, T0);
            await WaitUntilAsync(() => EveryHostHasAsync(test.Store, 1), "the first wave's alerts", doomed, survivor);
            await WaitUntilAsync(() => Task.FromResult(HasEvaluated(doomed) && HasEvaluated(survivor)), "both nodes logging alerts they raised", doomed, survivor);

            // Work remains for the doomed node's shards when it dies: the bots of the second wave.
            await new FactWriter(test.Store).AppendAsync(Enumerable.Range(1, Hosts).Select(host => Bot(2000 + host, T0.AddMinutes(2), host)).ToArray());
            await doomed.KillAsync();
            var sinceKill = Stopwatch.StartNew();
            await new FactWriter(test.Store).AppendAsync(Enumerable.Range(1, Hosts).Select(host => Irc(2000 + host, T0.AddMinutes(2).AddSeconds(40), host)).ToArray());
            await WaitUntilAsync(() => EveryHostHasAsync(test.Store, 2), "the second wave's alerts after the kill", survivor);
            var takeover = sinceKill.Elapsed;
            log.WriteLine($"every shard evaluated by the survivor {takeover.TotalSeconds:F1} s after the kill (bound {TakeoverBound.TotalSeconds} s)");

            Assert.InRange(takeover, TimeSpan.Zero, TakeoverBound);
            await WaitUntilAsync(async () => (await ShardHoldersAsync(test.Store)).All(survivor.Is), "every shard pinned to the survivor", survivor);
            var perHost = await AlertsPerHostAsync(test.Store);
            Assert.Equal(Enumerable.Range(1, Hosts).ToDictionary(host => host, _ => 2), perHost);
        }
        finally
        {
            await doomed.DisposeAsync();
            await survivor.DisposeAsync();
            folder.Delete(recursive: true);
        }
    }

    private static string WriteConfig(string folder, string connection)
    {
        var path = Path.Combine(folder, "luarm.yaml");
        File.WriteAllText(path, $"""
            store:
              connection: "{connection}"
            engine:
              rules: ["{RepositoryPaths.Rules}"]
              schedule_seconds: 0.5
              shards: {Shards}
              cluster:
                instance_name: takeover-test
                check_in_seconds: {CheckInSeconds}
            """);
        return path;
    }

    private static async Task AppendWaveAsync(FactStore store, int pidBase, DateTime at)
    {
        var writer = new FactWriter(store);
        await writer.AppendAsync(Enumerable.Range(1, Hosts).Select(host => Bot(pidBase + host, at, host)).ToArray());
        await writer.AppendAsync(Enumerable.Range(1, Hosts).Select(host => Irc(pidBase + host, at.AddSeconds(40), host)).ToArray());
    }

    private static bool HasEvaluated(LuarmProcess node) => node.Output.Contains("new alert(s)", StringComparison.Ordinal);

    /// <summary>The node each evaluation shard is pinned to (null while unclaimed).</summary>
    private static async Task<IReadOnlyList<string?>> ShardHoldersAsync(FactStore store) =>
        (await store.RunAsync(connection => connection.QueryAsync<string?>(
            "SELECT PREFERRED_NODE FROM QRTZ_TRIGGERS WHERE TRIGGER_NAME LIKE 'evaluate-shard-%' ORDER BY TRIGGER_NAME"))).AsList();

    private static async Task<Dictionary<int, int>> AlertsPerHostAsync(FactStore store)
    {
        var alerts = await new AlertLog(store).ListAsync(new AlertFilter { RuleId = RuleId, Limit = 10_000 });
        return alerts.GroupBy(a => a.HostId).ToDictionary(g => g.Key, g => g.Count());
    }

    private static async Task<bool> EveryHostHasAsync(FactStore store, int alerts)
    {
        var perHost = await AlertsPerHostAsync(store);
        return Enumerable.Range(1, Hosts).All(host => perHost.GetValueOrDefault(host) >= alerts);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, params LuarmProcess[] nodes)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > Patience)
            {
                Assert.Fail($"no {what} within {Patience.TotalSeconds} s; engine output:\n" + string.Join("\n----\n", nodes.Select(n => n.Output)));
            }
            await Task.Delay(100);
        }
    }
}
