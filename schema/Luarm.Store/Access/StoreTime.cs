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
}
