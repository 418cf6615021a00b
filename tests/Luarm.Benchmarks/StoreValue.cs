using Luarm.Store.Access;

namespace Luarm.Benchmarks;

/// <summary>A column value as the store binds it in each dialect (the store's own conversion is internal).</summary>
public static class StoreValue
{
    public static object For(StoreDialect dialect, object? value) => value switch
    {
        null => DBNull.Value,
        DateTime time when dialect == StoreDialect.Sqlite => StoreTime.ToText(time),
        DateTime time => StoreTime.Truncate(StoreTime.ToUtc(time)),
        _ => value,
    };
}
