using Luarm.Store.Access;
using Luarm.Store.Alerts;
using Luarm.Store.Facts;
using Luarm.Testing;

namespace Luarm.Cli.Tests;

public sealed class AlertsCommandTests
{
    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task Alerts_are_listed_by_severity_and_shown_with_their_evidence_rows(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var alertId = await StoreBotAlertAsync(test.Store);

        var high = await LuarmRun.Of("alerts", "list", "--severity", "high", "--store", test.ConnectionString);
        var critical = await LuarmRun.Of("alerts", "list", "--severity", "critical", "--store", test.ConnectionString);
        var otherRule = await LuarmRun.Of("alerts", "list", "--rule", "NOPE", "--store", test.ConnectionString);
        var shown = await LuarmRun.Of("alerts", "show", alertId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--store", test.ConnectionString);

        Assert.Contains("LUARM-IRC-001", high.Output);
        Assert.Equal("no alerts\n", critical.Output);
        Assert.Equal("no alerts\n", otherRule.Output);
        Assert.Equal(0, shown.ExitCode);
        Assert.Contains("evidence in netinfo:", shown.Output);
        Assert.Contains("evidence in psinfo:", shown.Output);
        Assert.Contains("arguments: ./x 85.121.125.74 0 0", shown.Output);
        Assert.Contains("destport: 6670", shown.Output);
    }

    [Fact]
    public async Task A_bad_severity_or_an_unknown_alert_is_one_line()
    {
        await using var test = await TestStore.CreateAsync(StoreDialect.Sqlite);

        var severity = await LuarmRun.Of("alerts", "list", "--severity", "urgent", "--store", test.ConnectionString);
        var missing = await LuarmRun.Of("alerts", "show", "42", "--store", test.ConnectionString);

        Assert.Contains("--severity urgent", severity.SingleErrorLine(ExitCodes.Usage));
        Assert.Contains("no alert 42", missing.SingleErrorLine(ExitCodes.Config));
    }

    private static async Task<long> StoreBotAlertAsync(FactStore store)
    {
        var writer = new FactWriter(store);
        await writer.AppendAsync(IncidentDataset.Processes);
        await writer.AppendAsync(IncidentDataset.Endpoints);
        var bot = (await new FactReader(store).ReadAfterAsync<ProcessFact>(0, 100)).Single(p => p.Pid == 29312);
        var connection = (await new FactReader(store).ReadAfterAsync<EndpointFact>(0, 100)).First(e => e.Pid == 29312);
        var alert = new NewAlert("LUARM-IRC-001", "high", IncidentDataset.HostId, bot.Created, connection.Created, 1,
            "nobody ran /usr/bin/perl from /tmp and connected to IRC", ["attack.t1071"],
            [new Evidence("psinfo", bot.PsEntity), new Evidence("netinfo", connection.EndpointInfo)]);
        return (await new AlertLog(store).CommitAsync([alert])).Single();
    }
}
