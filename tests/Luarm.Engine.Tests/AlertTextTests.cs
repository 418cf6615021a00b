using System.Text.RegularExpressions;
using Luarm.Engine.Alerts;
using Luarm.Engine.Tests.Support;
using Luarm.Store.Access;
using Luarm.Store.Facts;

namespace Luarm.Engine.Tests;

public sealed partial class AlertTextTests
{
    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task An_alert_is_read_back_with_its_host_and_evidence_rows(StoreDialect dialect)
    {
        await using var delivery = await DeliveryHarness.CreateAsync(dialect, _ => []);
        var id = Assert.Single(await delivery.RaiseAsync(delivery.Incident.IrcBot()));

        var report = Assert.Single(await new AlertReportReader(delivery.Store).ReadAsync([id, 999]));

        Assert.Equal(IncidentAlerts.HostName, report.HostName);
        Assert.Equal(["attack.t1059.006", "attack.t1071"], report.Tags);
        var process = Assert.Single(report.RowsOf<ProcessFact>());
        Assert.Equal(("nobody", "/usr/bin/perl", "./x 85.121.125.74 0 0", "/tmp"), (process.Username, process.Command, process.Arguments, process.Cwd));
        Assert.Equal(delivery.Incident.BotConnections.Select(e => e.EndpointInfo), report.RowsOf<EndpointFact>().Select(e => e.EndpointInfo).Order());
        Assert.All(report.RowsOf<EndpointFact>(), e => Assert.Equal(("85.121.125.74", 6670), (e.DestIp, e.DestPort)));
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task The_text_tells_rule_host_user_process_connection_and_evidence_and_its_next_steps_run(StoreDialect dialect)
    {
        await using var delivery = await DeliveryHarness.CreateAsync(dialect, _ => []);
        var id = Assert.Single(await delivery.RaiseAsync(delivery.Incident.IrcBot()));
        var report = Assert.Single(await new AlertReportReader(delivery.Store).ReadAsync([id]));

        var text = new AlertText(AlertText.DefaultMaxValueChars);
        var body = text.Body(report);

        Assert.Equal("[critical] LUARM-IRC-001 on web1: nobody ran /usr/bin/perl ./x 85.121.125.74 0 0 from /tmp and it talks IRC on port 6670", text.Headline(report));
        Assert.Contains("Rule:       LUARM-IRC-001 (critical; attack.t1059.006, attack.t1071)", body);
        Assert.Contains("Host:       web1 (hostid 1)", body);
        Assert.Contains("User:       nobody (uid 65534)", body);
        Assert.Contains("Process:    pid 29312, parent 8343: /usr/bin/perl ./x 85.121.125.74 0 0 (cwd /tmp), started 2011-02-05 07:11:00 UTC", body);
        Assert.Contains("Connection: tcp 192.0.2.10:32767 -> 85.121.125.74:6670 by crond (pid 29312) at 2011-02-05 07:12:00 UTC", body);
        Assert.Contains("            and 5 more connection rows", body);
        Assert.Contains("Evidence (7 rows):", body);
        Assert.Contains($"  psinfo {delivery.Incident.Bot.PsEntity}: hostid=1 md5sum=d41d8cd98f00b204e9800998ecf8427e username=nobody uid=65534 pid=29312 ppid=8343", body);

        // The examiner's next steps are SQL that runs as written on this dialect.
        var queries = SqlStatement().Matches(body[body.IndexOf("What to do next:", StringComparison.Ordinal)..]).Select(m => m.Value).ToArray();
        var results = new List<int>();
        foreach (var query in queries)
        {
            results.Add((await new SqlQuery(delivery.Store).RunAsync(query)).Rows.Count);
        }
        Assert.Equal(5, queries.Length);
        // netinfo and psinfo evidence; all 7 endpoints of pid 29312; no file rows; the 10 processes nobody ran.
        Assert.Equal([6, 1, 7, 0, 10], results);
        Assert.Contains("If this is expected, add an exception to rule LUARM-IRC-001; if not, contain web1", body);
    }

    [Fact]
    public void A_made_up_user_name_is_shown_escaped_and_gets_no_pivot_query()
    {
        var process = new ProcessFact
        {
            PsEntity = 5,
            HostId = 1,
            Username = "x';\nDROP TABLE alerts;--",
            Pid = 42,
            Command = "/bin/sh",
            Arguments = "-c \"id\" cwd=/root",
            Created = new DateTime(2011, 2, 5, 7, 0, 0, DateTimeKind.Utc),
        };
        var report = new AlertReport(new Luarm.Store.Alerts.StoredAlert
        {
            AlertId = 3,
            AlertKey = "k",
            RuleId = "R",
            Severity = "high",
            HostId = 1,
            Message = "m",
            Tags = "",
        }, "web1", [new EvidenceRow(new Luarm.Store.Alerts.Evidence("psinfo", 5), Luarm.Store.Vocabulary.FactTable.Of<ProcessFact>(), process)]);

        var body = new AlertText(AlertText.DefaultMaxValueChars).Body(report);

        Assert.Contains("User:       x';\\nDROP TABLE alerts;--\n", body);
        Assert.Contains("arguments=\"-c \\\"id\\\" cwd=/root\"", body);
        Assert.DoesNotContain("See what x", body);
        Assert.Contains("See what pid 42 did", body);
    }

    [GeneratedRegex("SELECT [^;]+;")]
    private static partial Regex SqlStatement();
}
