using Luarm.Store.Access;
using Luarm.Store.Alerts;
using Luarm.Testing;

namespace Luarm.Store.Tests;

public sealed class AlertWindowsTests
{
    private static readonly DateTime Seen = new(2011, 2, 5, 7, 12, 40, DateTimeKind.Utc);

    private static NewAlert Alert(int host, long factId, AlertWindow? window) =>
        new("LUARM-IRC-002", "high", host, Seen, Seen.AddMinutes(4), 3, "crond opened 5 connections", ["attack.t1071"],
            [new Evidence("netinfo", factId)], Window: window);

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task Open_windows_of_stored_alerts_are_read_back_for_the_hosts_asked_for(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var until = Seen.AddHours(1);
        await new AlertLog(test.Store).CommitAsync(
        [
            Alert(1, 1, new AlertWindow("29312", until)),
            Alert(2, 2, new AlertWindow("7371", until)),
            Alert(3, 3, new AlertWindow("ended", Seen.AddMinutes(5))),
            Alert(1, 4, null),
        ]);

        var windows = new AlertWindows(test.Store);
        var open = await windows.OpenAsync("hostid IN (1, 3)", Seen.AddMinutes(30));

        var only = Assert.Single(open);
        Assert.Equal(Alert(1, 1, null).AlertKey, only.AlertKey);
        Assert.Equal(("LUARM-IRC-002", 1, "29312", until, 3), (only.RuleId, only.HostId, only.SuppressKey, only.SuppressUntil, only.HitCount));
        Assert.Equal(Seen.AddMinutes(4), only.LastSeen);
        Assert.Equal(3, (await windows.OpenAsync("1 = 1", Seen)).Count);
    }
}
