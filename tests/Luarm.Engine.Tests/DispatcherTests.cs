using Luarm.Engine.Delivery;
using Luarm.Engine.Tests.Support;
using Luarm.Store.Access;

namespace Luarm.Engine.Tests;

public sealed class DispatcherTests
{
    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task A_channel_that_is_down_is_retried_with_backoff_until_it_takes_the_alert_once(StoreDialect dialect)
    {
        var sink = new ScriptedSink("flaky") { Down = true };
        await using var delivery = await DeliveryHarness.CreateAsync(dialect, _ => [sink]);
        var id = Assert.Single(await delivery.RaiseAsync(delivery.Incident.IrcBot()));
        var start = delivery.Clock.Now.UtcDateTime;

        var first = await delivery.RunOnceAsync("flaky");
        var tooEarly = await delivery.RunOnceAsync("flaky");
        delivery.Clock.Advance(TimeSpan.FromSeconds(15));
        var second = await delivery.RunOnceAsync("flaky");
        var afterTwoFailures = Assert.Single(await delivery.Outbox.EntriesOfAsync(id));
        sink.Down = false;
        delivery.Clock.Advance(TimeSpan.FromSeconds(30));
        var third = await delivery.RunOnceAsync("flaky");
        delivery.Clock.Advance(TimeSpan.FromHours(1));
        var later = await delivery.RunOnceAsync("flaky");

        Assert.Equal(new ChannelDispatch("flaky", 0, 1, "IOException: flaky is down"), first);
        Assert.Equal(new ChannelDispatch("flaky", 0, 0, null), tooEarly);
        Assert.Equal(1, second.Failed);
        Assert.Equal((2, "IOException: flaky is down"), (afterTwoFailures.Attempts, afterTwoFailures.LastError));
        Assert.Equal(StoreTime.Truncate(start.AddSeconds(15 + 30)), afterTwoFailures.NextAttempt);
        Assert.Equal(new ChannelDispatch("flaky", 1, 0, null), third);
        Assert.Equal(0, later.Delivered);
        Assert.Equal([id], sink.Confirmed);
        var delivered = Assert.Single(await delivery.Outbox.EntriesOfAsync(id));
        Assert.Equal((OutboxEntry.Delivered, 3, null), (delivered.Status, delivered.Attempts, delivered.LastError));
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task A_delivery_that_fails_part_way_retries_only_what_the_channel_did_not_confirm(StoreDialect dialect)
    {
        var sink = new ScriptedSink("partial") { FailAfter = 2 };
        await using var delivery = await DeliveryHarness.CreateAsync(dialect, _ => [sink]);
        var ids = await delivery.RaiseAsync(delivery.Incident.Other(1), delivery.Incident.Other(2), delivery.Incident.Other(3));

        var first = await delivery.RunOnceAsync("partial");
        delivery.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await delivery.RunOnceAsync("partial");

        Assert.Equal((2, 1), (first.Delivered, first.Failed));
        Assert.Equal((1, 0), (second.Delivered, second.Failed));
        Assert.Equal(ids, sink.Confirmed);
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task One_channel_being_down_does_not_hold_up_another(StoreDialect dialect)
    {
        var down = new ScriptedSink("down") { Down = true };
        var up = new ScriptedSink("up");
        await using var delivery = await DeliveryHarness.CreateAsync(dialect, _ => [down, up], new OutboxOptions { BatchSize = 2 });
        var ids = await delivery.RaiseAsync(Enumerable.Range(1, 5).Select(n => delivery.Incident.Other(n)).ToArray());

        var pass = await delivery.Dispatcher.RunOnceAsync();

        Assert.Equal([new ChannelDispatch("down", 0, 2, "IOException: down is down"), new ChannelDispatch("up", 5, 0, null)], pass);
        Assert.Equal(ids, up.Confirmed);
    }
}
