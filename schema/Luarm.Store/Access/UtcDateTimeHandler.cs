using System.Data;
using System.Globalization;
using Dapper;

namespace Luarm.Store.Access;

/// <summary>
/// Reads stored timestamps as UTC whatever the dialect returns: SQLite keeps
/// them as text, MariaDB as DATETIME without a zone.
/// </summary>
internal sealed class UtcDateTimeHandler : SqlMapper.TypeHandler<DateTime>
{
    public override DateTime Parse(object value) => value switch
    {
        DateTime time => DateTime.SpecifyKind(time, DateTimeKind.Utc),
        string text when StoreTime.TryParseText(text, out var stored) => stored,
        string text => DateTime.SpecifyKind(
            DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
            DateTimeKind.Utc),
        _ => throw new DataException($"cannot read {value.GetType().Name} as a timestamp"),
    };

    public override void SetValue(IDbDataParameter parameter, DateTime value) => parameter.Value = value;
}
