using Luarm.Store.Access;
using Luarm.Store.Alerts;
using Luarm.Testing;

namespace Luarm.Store.Tests;

public sealed class AlertLogTests
{
    private static readonly DateTime Seen = new(2011, 2, 5, 7, 12, 40, DateTimeKind.Utc);

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task An_alert_is_stored_once_with_its_evidence_and_moves_with_its_watermark(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var log = new AlertLog(test.Store);
        var watermarks = new Watermarks(test.Store);
        var alert = new NewAlert("LUARM-IRC-001", "critical", 1, Seen, Seen.AddSeconds(40), 1,
            "nobody ran /usr/bin/perl ./x 85.121.125.74 0 0 from /tmp", ["attack.t1059.006", "attack.t1071"],
            [new Evidence("psinfo", 12), new Evidence("netinfo", 40)]);

        var first = await test.Store.RunAsync(async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync();
            var added = await log.CommitAsync(connection, transaction, [alert]);
            await watermarks.SetAsync(connection, transaction, "engine", "netinfo", 40);
            await transaction.CommitAsync();
            return added;
        });
        var again = await log.CommitAsync([alert with { }]);

        var stored = await log.GetAsync(Assert.Single(first));
        Assert.Empty(again);
        Assert.NotNull(stored);
        Assert.Equal(("LUARM-IRC-001", "critical", "attack.t1059.006,attack.t1071"), (stored.RuleId, stored.Severity, stored.Tags));
        Assert.Equal(Seen, stored.FirstSeen);
        Assert.Equal([new Evidence("netinfo", 40), new Evidence("psinfo", 12)], stored.Evidence);
        Assert.Equal(40, await watermarks.GetAsync("engine", "netinfo"));
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task A_rolled_back_commit_stores_neither_alert_nor_watermark(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var alert = new NewAlert("R1", "low", 1, Seen, Seen, 1, "m", [], [new Evidence("psinfo", 1)]);

        await test.Store.RunAsync(async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await new AlertLog(test.Store).CommitAsync(connection, transaction, [alert]);
            await new Watermarks(test.Store).SetAsync(connection, transaction, "engine", "psinfo", 1);
            await transaction.RollbackAsync();
        });

        Assert.Equal(0, await new Watermarks(test.Store).GetAsync("engine", "psinfo"));
        Assert.Empty((await new SqlQuery(test.Store).RunAsync("select * from alerts")).Rows);
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task A_known_alert_keeps_the_larger_hit_count_and_the_later_last_seen(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var log = new AlertLog(test.Store);
        var first = new NewAlert("R1", "low", 1, Seen, Seen.AddMinutes(1), 3, "m", [], [new Evidence("psinfo", 1)]);
        var id = Assert.Single(await log.CommitAsync([first]));

        Assert.Empty(await log.CommitAsync([first with { HitCount = 7, LastSeen = Seen.AddMinutes(5) }]));
        Assert.Empty(await log.CommitAsync([first with { HitCount = 2, LastSeen = Seen.AddMinutes(2) }]));

        var stored = await log.GetAsync(id);
        Assert.Equal((7, Seen.AddMinutes(5)), (stored!.HitCount, stored.LastSeen));
    }

    [Fact]
    public void The_alert_key_depends_on_the_rule_and_the_evidence_not_on_their_order()
    {
        var a = NewAlert.KeyOf("R1", [new Evidence("psinfo", 1), new Evidence("netinfo", 2)]);
        var b = NewAlert.KeyOf("R1", [new Evidence("netinfo", 2), new Evidence("psinfo", 1)]);
        Assert.Equal(a, b);
        Assert.NotEqual(a, NewAlert.KeyOf("R2", [new Evidence("psinfo", 1), new Evidence("netinfo", 2)]));
        Assert.NotEqual(a, NewAlert.KeyOf("R1", [new Evidence("psinfo", 1), new Evidence("netinfo", 3)]));
        Assert.Equal(64, a.Length);
    }

    [Fact]
    public void An_alert_with_evidence_keeps_the_key_it_always_had()
    {
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("R1|netinfo:2|psinfo:1"u8));
        Assert.Equal(expected, NewAlert.KeyOf("R1", [new Evidence("psinfo", 1), new Evidence("netinfo", 2)]));
        Assert.Equal(expected, new NewAlert("R1", "low", 1, Seen, Seen, 1, "m", [], [new Evidence("netinfo", 2), new Evidence("psinfo", 1)]).AlertKey);
    }

    [Fact]
    public void An_alert_without_evidence_is_keyed_by_its_discriminator()
    {
        var night1 = NewAlert.KeyOf("R1", [], "host 1 window 2024-01-01");
        Assert.NotEqual(night1, NewAlert.KeyOf("R1", [], "host 1 window 2024-01-02"));
        Assert.NotEqual(night1, NewAlert.KeyOf("R1", [], "host 2 window 2024-01-01"));
        Assert.NotEqual(night1, NewAlert.KeyOf("R1", []));
        Assert.Equal(night1, new NewAlert("R1", "low", 1, Seen, Seen, 1, "m", [], [], "host 1 window 2024-01-01").AlertKey);
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task Alerts_without_evidence_are_stored_once_per_discriminator(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var log = new AlertLog(test.Store);
        NewAlert Night(int day) => new("R1", "medium", 1, Seen.AddDays(day), Seen.AddDays(day).AddHours(2), 1, "no backup", [], [], $"host 1 window {day}");

        var added = await log.CommitAsync([Night(1), Night(2)]);
        var again = await log.CommitAsync([Night(1)]);

        Assert.Equal(2, added.Count);
        Assert.Empty(again);
        Assert.Empty((await log.GetAsync(added[0]))!.Evidence);
    }
}
