using System.Text.Json;
using Luarm.Engine.Sinks;
using Luarm.Engine.Sinks.Console;
using Luarm.Engine.Sinks.JsonLines;
using Luarm.Engine.Tests.Support;
using Luarm.Store.Access;

namespace Luarm.Engine.Tests;

/// <summary>The sinks that need no peer: JSON Lines to a file, readable text to the console.</summary>
public sealed class LocalSinkTests
{
    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task Json_lines_hold_one_alert_per_line_with_its_evidence_rows(StoreDialect dialect)
    {
        var folder = Directory.CreateTempSubdirectory("luarm-jsonl-");
        var path = Path.Combine(folder.FullName, "alerts.jsonl");
        try
        {
            await using var delivery = await DeliveryHarness.CreateAsync(dialect, _ =>
                AlertSinks.Create(new SinksOptions { JsonLines = new JsonLinesSinkOptions { Path = path, MinSeverity = "medium" } }));
            var ids = await delivery.RaiseAsync(delivery.Incident.IrcBot(), delivery.Incident.Other(1, "low"), delivery.Incident.Other(2, "high"));

            var first = await delivery.RunOnceAsync("json_lines");
            var second = await delivery.RunOnceAsync("json_lines");

            var lines = File.ReadAllLines(path);
            Assert.Equal((2, 0), (first.Delivered, second.Delivered));
            Assert.Equal(2, lines.Length);
            var bot = JsonDocument.Parse(lines[0]).RootElement;
            Assert.Equal(ids[0], bot.GetProperty("alertid").GetInt64());
            Assert.Equal(("LUARM-IRC-001", "critical", "web1"), (bot.GetProperty("ruleid").GetString(), bot.GetProperty("severity").GetString(), bot.GetProperty("host").GetString()));
            Assert.Equal(64, bot.GetProperty("alertkey").GetString()!.Length);
            Assert.Equal(["attack.t1059.006", "attack.t1071"], bot.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
            var evidence = bot.GetProperty("evidence").EnumerateArray().ToArray();
            Assert.Equal(7, evidence.Length);
            var process = evidence.Single(e => e.GetProperty("table").GetString() == "psinfo").GetProperty("row");
            Assert.Equal((29312, "/usr/bin/perl", "2011-02-05T07:11:00Z"), (process.GetProperty("pid").GetInt32(), process.GetProperty("command").GetString(), process.GetProperty("created").GetString()));
            Assert.All(evidence.Where(e => e.GetProperty("table").GetString() == "netinfo"), e => Assert.Equal(6670, e.GetProperty("row").GetProperty("destport").GetInt32()));
            Assert.Equal(ids[2], JsonDocument.Parse(lines[1]).RootElement.GetProperty("alertid").GetInt64());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_console_shows_each_alert_as_readable_text_without_the_attackers_escape_sequences()
    {
        var output = new StringWriter();
        await using var delivery = await DeliveryHarness.CreateAsync(StoreDialect.Sqlite, _ =>
            AlertSinks.Create(new SinksOptions { Console = new ConsoleSinkOptions() }, console: output));
        await delivery.RaiseAsync(delivery.Incident.IrcBot(), delivery.Incident.Other(1) with { Message = "ran ./x \u001b]0;owned\u0007\u001b[2J" });

        var pass = await delivery.RunOnceAsync("console");

        var text = output.ToString();
        Assert.Equal(2, pass.Delivered);
        Assert.StartsWith("[critical] LUARM-IRC-001 on web1: nobody ran /usr/bin/perl", text);
        Assert.Contains("Process:    pid 29312, parent 8343", text);
        Assert.Contains("What to do next:", text);
        Assert.Contains("[high] TEST-001 on web1: ran ./x \\x1b]0;owned\\x07\\x1b[2J", text);
        Assert.DoesNotContain('\u001b', text);
    }
}
