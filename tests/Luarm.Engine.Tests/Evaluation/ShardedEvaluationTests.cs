using Dapper;
using Luarm.Engine.Evaluation;
using Luarm.Store.Access;
using Luarm.Testing;
using static Luarm.Engine.Tests.Support.IrcBotFacts;

namespace Luarm.Engine.Tests.Evaluation;

public sealed class ShardedEvaluationTests
{
    private static readonly DateTime T0 = new(2011, 2, 5, 7, 11, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task Each_shard_evaluates_only_its_hosts_under_its_own_watermarks(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var engine = EngineHarness.Over(test);
        var hosts = Enumerable.Range(1, 4).ToArray();
        await engine.Append(hosts.Select(host => Bot(pid: 100 + host, T0, host)).ToArray());
        await engine.Append(hosts.Select(host => Irc(pid: 100 + host, T0.AddSeconds(40), host)).ToArray());

        var even = await EngineHarness.CatchUpAsync(engine.NodeCycle(new HostShard(0, 2)));
        var alertedAfterEven = (await engine.AlertsAsync(RuleId)).Select(a => a.HostId).Order().ToArray();
        await EngineHarness.CatchUpAsync(engine.NodeCycle(new HostShard(1, 2)));

        Assert.Equal(4, even);
        Assert.Equal([2, 4], alertedAfterEven);
        Assert.Equal(hosts, (await engine.AlertsAsync(RuleId)).Select(a => a.HostId).Order());
        var consumers = await test.Store.RunAsync(connection => connection.QueryAsync<string>("SELECT DISTINCT consumer FROM watermarks ORDER BY consumer"));
        Assert.Equal(["engine/shard-0-of-2", "engine/shard-1-of-2"], consumers);
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task A_node_that_finds_its_shard_advanced_elsewhere_rebuilds_it_from_the_store(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var engine = EngineHarness.Over(test);
        var shard = new HostShard(0, 2);
        var first = engine.NodeCycle(shard);
        var second = engine.NodeCycle(shard);
        await engine.Append(Bot(pid: 100, T0, host: 2));
        await EngineHarness.CatchUpAsync(first);

        // The shard moves to the second node, which evaluates the next rows...
        await engine.Append(Irc(pid: 100, T0.AddSeconds(40), host: 2), Irc(pid: 100, T0.AddSeconds(50), host: 2));
        await engine.Append(Bot(pid: 200, T0.AddMinutes(1), host: 2));
        await EngineHarness.CatchUpAsync(second);
        // ...and comes back: the first node must not trust its own sessions and marks.
        await engine.Append(Irc(pid: 200, T0.AddMinutes(2), host: 2));
        var readByFirst = await EngineHarness.CatchUpAsync(first);

        Assert.Equal(1, readByFirst);
        var alerts = await engine.AlertsAsync(RuleId);
        Assert.Equal(2, alerts.Count);
        Assert.Equal([2, 1], alerts.OrderBy(a => a.FirstSeen).Select(a => a.HitCount));
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task Rows_read_ahead_by_a_node_that_lost_its_shard_are_dropped(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var engine = EngineHarness.Over(test);
        var shard = new HostShard(0, 2);
        var first = engine.NodeCycle(shard);
        var second = engine.NodeCycle(shard);
        // A backlog of four reads (batches of 500) on host 2, which is in shard 0.
        await engine.Append([.. Enumerable.Range(0, 1600).Select(i => Irc(pid: 1000 + (i % 40), T0.AddSeconds(i), host: 2))]);

        // The first node reads once, and reads the next batch ahead; the second node then does the whole backlog.
        var firstRun = await first.RunOnceAsync();
        Assert.True(firstRun.More);
        var readBySecond = await EngineHarness.CatchUpAsync(second);
        var stored = (await engine.AlertsAsync("LUARM-IRC-002")).Count;

        // Back on the first node, what it read ahead is stale: it rebuilds and finds nothing left.
        var readByFirst = await EngineHarness.CatchUpAsync(first);

        Assert.Equal(500, firstRun.RowsRead);
        Assert.Equal(1100, readBySecond);
        Assert.Equal(0, readByFirst);
        Assert.Equal(stored, (await engine.AlertsAsync("LUARM-IRC-002")).Count);
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task Sharding_an_unsharded_engine_resumes_after_its_watermarks(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var engine = EngineHarness.Over(test);
        await engine.Append(Bot(pid: 100, T0, host: 1), Bot(pid: 200, T0, host: 2));
        await engine.EvaluateAsync();

        await engine.Append(Irc(pid: 100, T0.AddSeconds(40), host: 1), Irc(pid: 200, T0.AddSeconds(40), host: 2));
        var read = await EngineHarness.CatchUpAsync(engine.NodeCycle(new HostShard(0, 2)))
            + await EngineHarness.CatchUpAsync(engine.NodeCycle(new HostShard(1, 2)));

        // Only the two new rows are read; the bots come back from the store's window.
        Assert.Equal(2, read);
        Assert.Equal([1, 2], (await engine.AlertsAsync(RuleId)).Select(a => a.HostId).Order());
    }
}
