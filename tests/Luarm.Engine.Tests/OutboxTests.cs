using Dapper;
using Luarm.Engine.Configuration;
using Luarm.Engine.Delivery;
using Luarm.Engine.Tests.Support;
using Luarm.Store.Access;
using Luarm.Store.Alerts;

namespace Luarm.Engine.Tests;

public sealed class OutboxTests
{
    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task Alerts_are_queued_for_each_channel_whose_filter_takes_them(StoreDialect dialect)
    {
        await using var delivery = await DeliveryHarness.CreateAsync(dialect, _ =>
        [
            new ScriptedSink("everything"),
            new ScriptedSink("critical", new ChannelFilter(AlertSeverity.Critical, [])),
            new ScriptedSink("c2", new ChannelFilter(AlertSeverity.Info, ["attack.t1071"])),
            new ScriptedSink("technique", new ChannelFilter(AlertSeverity.Info, ["attack.t1059"])),
            new ScriptedSink("collection", new ChannelFilter(AlertSeverity.Medium, ["attack.t1005"])),
        ]);

        var ids = await delivery.RaiseAsync(delivery.Incident.IrcBot(), delivery.Incident.Other(1, "low", "attack.t1005"));

        Assert.Equal(["c2", "critical", "everything", "technique"], await ChannelsOf(delivery.Outbox, ids[0]));
        Assert.Equal(["everything"], await ChannelsOf(delivery.Outbox, ids[1]));
        var entry = (await delivery.Outbox.EntriesOfAsync(ids[0]))[0];
        Assert.Equal((OutboxEntry.Pending, 0, null), (entry.Status, entry.Attempts, entry.LastError));
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task Queueing_goes_with_the_engine_transaction_and_never_twice(StoreDialect dialect)
    {
        await using var delivery = await DeliveryHarness.CreateAsync(dialect, _ => [new ScriptedSink("everything")]);
        var alert = delivery.Incident.IrcBot();

        await delivery.Store.RunAsync(async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync();
            var ids = await new AlertLog(delivery.Store).CommitAsync(connection, transaction, [alert]);
            await delivery.Outbox.EnqueueAsync(connection, transaction, ids);
            await transaction.RollbackAsync();
        });
        var afterRollback = await CountRows(delivery.Store);
        var id = Assert.Single(await delivery.RaiseAsync(alert));
        var again = await delivery.Store.RunAsync(connection => delivery.Outbox.EnqueueAsync(connection, null, [id]));

        Assert.Equal(0, afterRollback);
        Assert.Equal(0, again);
        Assert.Equal(1, await CountRows(delivery.Store));
    }

    [Fact]
    public void Backoff_doubles_from_the_first_wait_up_to_the_longest()
    {
        var backoff = new RetryBackoff(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(900));

        Assert.Equal([15, 30, 60, 120, 240, 480, 900, 900], Enumerable.Range(1, 8).Select(n => backoff.After(n).TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(900), backoff.After(10_000));
    }

    [Fact]
    public async Task Outbox_settings_that_cannot_work_are_named()
    {
        await using var test = await Luarm.Testing.TestStore.CreateAsync(StoreDialect.Sqlite, migrate: false);

        var error = Assert.Throws<SinkConfigException>(() =>
            new AlertOutbox(test.Store, [], new OutboxOptions { RetryFirstSeconds = 60, RetryMaxSeconds = 30, BatchSize = 0 }));

        Assert.Equal(["outbox.retry_max_seconds: must be 60-86400", "outbox.batch_size: must be 1-10000"], error.Problems);
    }

    private static async Task<string[]> ChannelsOf(AlertOutbox outbox, long alertId) =>
        (await outbox.EntriesOfAsync(alertId)).Select(e => e.Channel).Order(StringComparer.Ordinal).ToArray();

    private static Task<long> CountRows(FactStore store) =>
        store.RunAsync(connection => connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM alertoutbox"));
}
