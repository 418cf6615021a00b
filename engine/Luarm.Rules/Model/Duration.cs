using System.Globalization;
using System.Text.RegularExpressions;

namespace Luarm.Rules.Model;

/// <summary>Durations as rules write them: a number and a unit (ms, s, m, h, d), possibly several: 1h30m.</summary>
public static partial class Duration
{
    /// <summary>The longest duration accepted: longer windows would overflow time arithmetic and are never meant.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(3660);

    public static TimeSpan? Parse(string text)
    {
        var match = Pattern().Match(text.Trim());
        if (!match.Success)
        {
            return null;
        }
        var total = TimeSpan.Zero;
        foreach (Capture part in match.Groups["part"].Captures)
        {
            if (total > Longest)
            {
                return null;
            }
            var unitAt = part.Value.IndexOfAny(['m', 's', 'h', 'd']);
            var number = long.Parse(part.Value.AsSpan(0, unitAt), NumberStyles.None, CultureInfo.InvariantCulture);
            total += part.Value[unitAt..] switch
            {
                "ms" => TimeSpan.FromMilliseconds(number),
                "s" => TimeSpan.FromSeconds(number),
                "m" => TimeSpan.FromMinutes(number),
                "h" => TimeSpan.FromHours(number),
                _ => TimeSpan.FromDays(number),
            };
        }
        return total <= Longest ? total : null;
    }

    /// <summary>A bare number: the author forgot the unit.</summary>
    public static bool LacksUnit(string text) => long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out _);

    public static string Format(TimeSpan value) => value switch
    {
        { TotalDays: >= 1 } when value.Ticks % TimeSpan.TicksPerDay == 0 => $"{value.TotalDays:0}d",
        { TotalHours: >= 1 } when value.Ticks % TimeSpan.TicksPerHour == 0 => $"{value.TotalHours:0}h",
        { TotalMinutes: >= 1 } when value.Ticks % TimeSpan.TicksPerMinute == 0 => $"{value.TotalMinutes:0}m",
        _ when value.Ticks % TimeSpan.TicksPerSecond == 0 => $"{value.TotalSeconds:0}s",
        _ => $"{value.TotalMilliseconds:0}ms",
    };

    [GeneratedRegex("^(?<part>[0-9]{1,7}(ms|s|m|h|d))+$")]
    private static partial Regex Pattern();
}
