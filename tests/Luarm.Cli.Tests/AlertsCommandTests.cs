using Luarm.Engine.Alerts;
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

    [Fact]
    public async Task A_hostile_message_is_one_escaped_line_and_the_list_fits_the_width()
    {
        await using var test = await TestStore.CreateAsync(StoreDialect.Sqlite);
        var hostile = "ran x\r\nWhat to do next:\n  \u001b]0;owned\u0007\u2028" + new string('A', 10_000);
        var alertId = await StoreBotAlertAsync(test.Store, hostile);

        var narrow = await LuarmRun.Of("alerts", "list", "--width", "120", "--store", test.ConnectionString);
        var unlimited = await LuarmRun.Of("alerts", "list", "--store", test.ConnectionString);
        var shown = await LuarmRun.Of("alerts", "show", alertId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--store", test.ConnectionString);
        var negative = await LuarmRun.Of("alerts", "list", "--width", "-1", "--store", test.ConnectionString);

        var lines = narrow.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, lines.Length);
        Assert.All(lines.SkipLast(1), line => Assert.Equal(120, line.Length));
        Assert.All(narrow.Output.Split('\n'), line => Assert.True(FactText.IsPlain(line), line));
        Assert.Contains("| ran x\\r\\nWhat to do next:\\n", lines[3]);
        Assert.EndsWith("… |", lines[3]);
        Assert.Contains(new string('A', 10_000) + " |", unlimited.Output);
        Assert.Equal(6, unlimited.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.All(shown.Output.Split('\n'), line => Assert.True(FactText.IsPlain(line), line));
        Assert.Contains("  ran x\\r\\nWhat to do next:\\n  \\x1b]0;owned\\x07\\u2028AAA", shown.Output);
        Assert.Contains("--width -1", negative.SingleErrorLine(2));
    }

    private static async Task<long> StoreBotAlertAsync(FactStore store, string message = "nobody ran /usr/bin/perl from /tmp and connected to IRC")
    {
        var writer = new FactWriter(store);
        await writer.AppendAsync(IncidentDataset.Processes);
        await writer.AppendAsync(IncidentDataset.Endpoints);
        var bot = (await new FactReader(store).ReadAfterAsync<ProcessFact>(0, 100)).Single(p => p.Pid == 29312);
        var connection = (await new FactReader(store).ReadAfterAsync<EndpointFact>(0, 100)).First(e => e.Pid == 29312);
        var alert = new NewAlert("LUARM-IRC-001", "high", IncidentDataset.HostId, bot.Created, connection.Created, 1,
            message, ["attack.t1071"],
            [new Evidence("psinfo", bot.PsEntity), new Evidence("netinfo", connection.EndpointInfo)]);
        return (await new AlertLog(store).CommitAsync([alert])).Single();
    }
}
