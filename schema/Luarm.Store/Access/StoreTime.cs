using System.Globalization;

namespace Luarm.Store.Access;

/// <summary>The one text form of a stored timestamp: UTC with microseconds, sortable.</summary>
public static class StoreTime
{
    public const string Format = "yyyy-MM-dd HH:mm:ss.ffffff";

    public static DateTime ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };

    /// <summary>Drops what a DATETIME(6) column cannot hold (the 100 ns digit), so both dialects store the same value.</summary>
    public static DateTime Truncate(DateTime value) => new(value.Ticks - (value.Ticks % 10), value.Kind);

    public static string ToText(DateTime value) =>
        Truncate(ToUtc(value)).ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads <see cref="Format"/> digit by digit: the engine reads every stored time back,
    /// and this is many times faster than <see cref="DateTime.Parse(string)"/>. False for
    /// any other shape or an impossible date, which the caller parses the general way.
    /// </summary>
    public static bool TryParseText(string text, out DateTime value)
    {
        value = default;
        if (text.Length != Format.Length || text[4] != '-' || text[7] != '-' || text[10] != ' ' || text[13] != ':' || text[16] != ':' || text[19] != '.')
        {
            return false;
        }
        if (!TryDigits(text, 0, 4, out var year) || !TryDigits(text, 5, 2, out var month) || !TryDigits(text, 8, 2, out var day)
            || !TryDigits(text, 11, 2, out var hour) || !TryDigits(text, 14, 2, out var minute) || !TryDigits(text, 17, 2, out var second)
            || !TryDigits(text, 20, 6, out var microsecond))
        {
            return false;
        }
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(microsecond * 10L);
        return true;
    }

    private static bool TryDigits(string text, int start, int count, out int number)
    {
        number = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = text[i] - '0';
            if (digit is < 0 or > 9)
            {
                return false;
            }
            number = (number * 10) + digit;
        }
        return true;
    }
}
