using System.CommandLine;
using System.Globalization;
using Luarm.Cli.Output;
using Luarm.Engine.Alerts;
using Luarm.Store.Access;
using Luarm.Store.Alerts;
using Luarm.Store.Errors;
using Luarm.Store.Hosts;

namespace Luarm.Cli.Commands;

/// <summary><c>luarm alerts list|show</c>: read the alerts the engine stored, and their evidence.</summary>
public static class AlertsCommand
{
    public static Command Create() => new("alerts", "list stored alerts and show their evidence")
    {
        List(),
        Show(),
    };

    private static Command List()
    {
        var host = new Option<string?>("--host") { Description = "host name or hostid" };
        var rule = new Option<string?>("--rule") { Description = "rule id" };
        var severity = new Option<string?>("--severity") { Description = "minimum severity: info, low, medium, high, critical" };
        var since = new Option<DateTime?>("--since") { Description = "last seen at or after this UTC time" };
        var until = new Option<DateTime?>("--until") { Description = "first seen before this UTC time" };
        var limit = new Option<int>("--limit") { Description = "at most this many, newest first", DefaultValueFactory = _ => 100 };
        var width = new Option<int?>("--width") { Description = "cut the table to this many columns (0: no limit); default: the terminal's width, no limit when redirected" };
        var command = new Command("list", "list alerts, newest first") { host, rule, severity, since, until, limit, width };
        command.SetAction(async (parse, cancel) =>
        {
            var store = GlobalOptions.OpenStore(parse);
            var filter = new AlertFilter
            {
                HostId = await ResolveHostAsync(store, parse.GetValue(host), cancel),
                RuleId = parse.GetValue(rule),
                MinimumSeverity = ParseSeverity(parse.GetValue(severity)),
                Since = AsUtc(parse.GetValue(since)),
                Until = AsUtc(parse.GetValue(until)),
                Limit = parse.GetValue(limit),
            };
            var alerts = await new AlertLog(store).ListAsync(filter, cancel);
            var table = new SqlResult(
                ["alertid", "lastseen", "severity", "ruleid", "hostid", "hits", "message"],
                alerts.Select(a => new object?[] { a.AlertId, a.LastSeen, a.Severity, a.RuleId, a.HostId, a.HitCount, a.Message }).ToArray(),
                0, TimeSpan.Zero, Vertical: false);
            var output = parse.InvocationConfiguration.Output;
            var columns = parse.GetValue(width) switch
            {
                null => TerminalWidth.Of(output),
                0 => int.MaxValue,
                > 0 and var given => given,
                var given => throw new UsageException($"--width {given}: give a number of columns, or 0 for no limit"),
            };
            await output.WriteAsync(alerts.Count == 0 ? "no alerts\n" : MySqlConsoleFormat.Render(table, columns));
            return 0;
        });
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<long>("alertid");
        var command = new Command("show", "print an alert and the fact rows it rests on") { id };
        command.SetAction(async (parse, cancel) =>
        {
            var store = GlobalOptions.OpenStore(parse);
            var output = parse.InvocationConfiguration.Output;
            var alert = await new AlertLog(store).GetAsync(parse.GetValue(id), cancel)
                ?? throw new StoreException($"no alert {parse.GetValue(id)} in {store.Location}; see 'luarm alerts list'");
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"alert {alert.AlertId}: {FactText.OneLine(alert.RuleId)} [{FactText.OneLine(alert.Severity)}] on hostid {alert.HostId}\n" +
                $"  seen {StoreTime.ToText(alert.FirstSeen)} .. {StoreTime.ToText(alert.LastSeen)}, {alert.HitCount} hit(s)\n" +
                $"  tags {FactText.OneLine(alert.Tags)}\n  {FactText.OneLine(alert.Message)}"));
            foreach (var (table, rows) in await new EvidenceRows(store).ReadAsync(alert.Evidence, cancel))
            {
                await output.WriteLineAsync($"\nevidence in {table}:");
                await output.WriteAsync(MySqlConsoleFormat.Render(rows with { Vertical = true }));
            }
            return 0;
        });
        return command;
    }

    private static async Task<int?> ResolveHostAsync(FactStore store, string? host, CancellationToken cancel)
    {
        if (host is null)
        {
            return null;
        }
        if (int.TryParse(host, NumberStyles.None, CultureInfo.InvariantCulture, out var hostId))
        {
            return hostId;
        }
        return (await new HostRegistry(store).FindAsync(host, cancel))?.HostId
            ?? throw new StoreException($"no registered host named '{host}'; see 'luarm host list'");
    }

    private static AlertSeverity? ParseSeverity(string? text) =>
        text is null ? null
        : AlertSeverities.TryParse(text, out var severity) ? severity
        : throw new UsageException($"--severity {text}: use one of info, low, medium, high, critical");

    private static DateTime? AsUtc(DateTime? time) => time is { } t ? StoreTime.ToUtc(t) : null;
}
