using System.Globalization;
using System.Text.RegularExpressions;
using Luarm.Rules.Diagnostics;
using Luarm.Rules.Model;
using Luarm.Rules.Parsing;
using Luarm.Rules.Yaml;
using YamlDotNet.RepresentationModel;

namespace Luarm.Rules.Binding;

/// <summary>
/// Reads an absence's <c>schedule:</c>, exactly one of <c>between: "01:00-03:00"</c>
/// (a daily UTC window) or <c>every: 6h</c> (back-to-back periods that line up with
/// the day, so windows start at the same times each day).
/// </summary>
public static partial class ScheduleReader
{
    private static readonly TimeSpan ShortestPeriod = TimeSpan.FromMinutes(1);

    public static Schedule? Read(NodeReader reader, YamlNode node)
    {
        if (reader.Mapping(node, "schedule") is not { } mapping)
        {
            return null;
        }
        var entries = reader.Entries(mapping, "schedule", RuleKeys.Schedule);
        if (entries.Count != mapping.Children.Count)
        {
            return null;
        }
        if (entries.Count != 1)
        {
            reader.Error(entries.Count == 0 ? mapping : entries[1].KeyNode, DiagnosticCodes.BadSchedule,
                "a schedule is either between: \"01:00-03:00\" (every day, UTC) or every: 6h (each period), one of them");
            return null;
        }
        var entry = entries[0];
        return entry.Key == "between" ? Between(reader, entry.Value) : Every(reader, entry.Value);
    }

    private static Schedule? Between(NodeReader reader, YamlNode node)
    {
        if (reader.Text(node, "between") is not { } text)
        {
            return null;
        }
        var match = DailyWindow().Match(text);
        var from = match.Success ? TimeOfDay(match.Groups["from"].Value) : null;
        var to = match.Success ? TimeOfDay(match.Groups["to"].Value) : null;
        if (from is null || to is null)
        {
            reader.Error(node, DiagnosticCodes.BadSchedule,
                $"between '{text}' is not a daily window like \"01:00-03:00\" (HH:MM-HH:MM, UTC; \"22:00-02:00\" crosses midnight)");
            return null;
        }
        if (from == to)
        {
            reader.Error(node, DiagnosticCodes.BadSchedule, $"between '{text}' starts and ends at the same time; for a whole day write every: 1d");
            return null;
        }
        return Schedule.Daily(from.Value, to.Value);
    }

    private static Schedule? Every(NodeReader reader, YamlNode node)
    {
        if (DurationReader.Read(reader, node, "every") is not { } period)
        {
            return null;
        }
        var day = TimeSpan.TicksPerDay;
        if (period < ShortestPeriod || (period.Ticks % day != 0 && day % period.Ticks != 0))
        {
            reader.Error(node, DiagnosticCodes.BadSchedule,
                $"every: {Duration.Format(period)} must divide a day (e.g. 15m, 1h, 6h, 12h) or be whole days (1d, 7d), and be at least {Duration.Format(ShortestPeriod)}, so windows start at the same times each day");
            return null;
        }
        return Schedule.Every(period);
    }

    private static TimeSpan? TimeOfDay(string text) =>
        TimeSpan.TryParseExact(text, "hh\\:mm", CultureInfo.InvariantCulture, out var time) ? time : null;

    [GeneratedRegex("^\\s*(?<from>[0-9]{2}:[0-9]{2})\\s*-\\s*(?<to>[0-9]{2}:[0-9]{2})\\s*$")]
    private static partial Regex DailyWindow();
}
