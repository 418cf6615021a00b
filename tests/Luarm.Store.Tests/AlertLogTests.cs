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

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task Many_alerts_in_one_call_are_stored_with_their_evidence_and_ids_in_input_order(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var log = new AlertLog(test.Store);
        // 520 alerts and 1560 distinct evidence rows: more than one statement of each, and of key lookups.
        var alerts = Enumerable.Range(1, 520).Select(i => new NewAlert($"R{i % 7}", "high", i % 5, Seen.AddSeconds(i), Seen.AddSeconds(i + 30), i,
            $"alert {i}", ["t1", $"t{i}"],
            [new Evidence("psinfo", i), new Evidence("netinfo", i), new Evidence("fileinfo", i), new Evidence("psinfo", i)])).ToList();

        var ids = await log.CommitAsync(alerts);

        var keys = (await new SqlQuery(test.Store).RunAsync("select alertid, alertkey from alerts")).Rows
            .ToDictionary(row => Convert.ToInt64(row[0]), row => (string)row[1]!);
        Assert.Equal(alerts.Select(a => a.AlertKey), ids.Select(id => keys[id]));
        var evidence = (await new SqlQuery(test.Store).RunAsync("select alertid, facttable, factid from alertevidence")).Rows
            .Select(row => (Convert.ToInt64(row[0]), (string)row[1]!, Convert.ToInt64(row[2])));
        var expected = alerts.Zip(ids).SelectMany(p => p.First.Evidence.Distinct().Select(e => (p.Second, e.FactTable, e.FactId)));
        Assert.Equal(expected.Order(), evidence.Order());
        var last = await log.GetAsync(ids[^1]);
        Assert.Equal(("R2", 0, Seen.AddSeconds(520), Seen.AddSeconds(550), 520, "alert 520", "t1,t520"),
            (last!.RuleId, last.HostId, last.FirstSeen, last.LastSeen, last.HitCount, last.Message, last.Tags));
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task The_same_key_twice_in_one_call_is_stored_once_with_the_larger_hit_count_and_last_seen(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var log = new AlertLog(test.Store);
        var first = new NewAlert("R1", "low", 1, Seen, Seen.AddMinutes(1), 3, "first", [], [new Evidence("psinfo", 1), new Evidence("psinfo", 1)]);
        var other = new NewAlert("R2", "low", 1, Seen, Seen, 1, "other", [], [new Evidence("psinfo", 2)]);

        var ids = await log.CommitAsync([
            first,
            other,
            first with { HitCount = 7, LastSeen = Seen.AddMinutes(2), Message = "second" },
            first with { HitCount = 2, LastSeen = Seen.AddMinutes(5), Message = "third" },
        ]);

        Assert.Equal(2, ids.Count);
        var stored = await log.GetAsync(ids[0]);
        Assert.Equal((first.AlertKey, "first", Seen, Seen.AddMinutes(5), 7), (stored!.AlertKey, stored.Message, stored.FirstSeen, stored.LastSeen, stored.HitCount));
        Assert.Equal([new Evidence("psinfo", 1)], stored.Evidence);
        Assert.Equal(other.AlertKey, (await log.GetAsync(ids[1]))!.AlertKey);
        Assert.Equal(2L, Convert.ToInt64((await new SqlQuery(test.Store).RunAsync("select count(*) from alerts")).Rows.Single()[0]));
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task Known_and_new_keys_in_one_call_add_only_the_new_ones_and_raise_the_known(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var log = new AlertLog(test.Store);
        NewAlert Alert(int n, int hits, int minutes) =>
            new($"R{n}", "medium", 1, Seen, Seen.AddMinutes(minutes), hits, $"alert {n}", [], [new Evidence("psinfo", n)]);
        var knownIds = await log.CommitAsync([Alert(1, 5, 5), Alert(2, 5, 5)]);

        var ids = await log.CommitAsync([Alert(3, 1, 1), Alert(1, 9, 2), Alert(4, 1, 1), Alert(2, 1, 9), Alert(3, 4, 0)]);

        Assert.Equal(["R3", "R4"], await Task.WhenAll(ids.Select(async id => (await log.GetAsync(id))!.RuleId)));
        Assert.DoesNotContain(ids, knownIds.Contains);
        var one = await log.GetAsync(knownIds[0]);
        var two = await log.GetAsync(knownIds[1]);
        var three = await log.GetAsync(ids[0]);
        Assert.Equal((9, Seen.AddMinutes(5)), (one!.HitCount, one.LastSeen));
        Assert.Equal((5, Seen.AddMinutes(9)), (two!.HitCount, two.LastSeen));
        Assert.Equal((4, Seen.AddMinutes(1)), (three!.HitCount, three.LastSeen));
        Assert.Equal([new Evidence("psinfo", 1)], one.Evidence);
        Assert.Equal(4L, Convert.ToInt64((await new SqlQuery(test.Store).RunAsync("select count(*) from alerts")).Rows.Single()[0]));
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
