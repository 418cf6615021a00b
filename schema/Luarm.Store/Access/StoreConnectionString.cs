using System.Data.Common;
using Luarm.Store.Errors;

namespace Luarm.Store.Access;

/// <summary>
/// Tells the dialect from a connection string: a bare path or <c>Data Source=</c>
/// alone is a SQLite file; a server, port, user or database makes it MariaDB/MySQL.
/// </summary>
internal static class StoreConnectionString
{
    private static readonly string[] MySqlKeys = ["server", "host", "port", "user id", "uid", "user", "database"];
    private static readonly string[] SqliteKeys = ["data source", "datasource", "filename"];

    public static FactStore Open(string connection) =>
        IsServer(connection) ? new MySqlStore(connection) : new SqliteStore(connection.Contains('=') ? connection : $"Data Source={connection}");

    /// <summary>True for a MariaDB/MySQL connection string, false for a SQLite file; a string that is neither is a <see cref="StoreException"/>.</summary>
    public static bool IsServer(string connection)
    {
        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new StoreException("the store connection string is empty; set store.connection in luarm.yaml");
        }
        if (!connection.Contains('='))
        {
            return false;
        }
        var parsed = Parse(connection);
        if (MySqlKeys.Any(parsed.ContainsKey))
        {
            return true;
        }
        if (SqliteKeys.Any(parsed.ContainsKey))
        {
            return false;
        }
        throw new StoreException("the store connection string names neither a SQLite file (Data Source=/path/luarm.db) nor a MariaDB server (Server=host;Database=luarm;...); fix store.connection in luarm.yaml");
    }

    /// <summary>The connection string as key/value pairs, or a <see cref="StoreException"/> saying how to write one.</summary>
    public static DbConnectionStringBuilder Parse(string connection)
    {
        try
        {
            return new DbConnectionStringBuilder { ConnectionString = connection };
        }
        catch (ArgumentException error)
        {
            throw new StoreException($"the store connection string is malformed ({error.Message}); fix store.connection with key=value pairs separated by ';', e.g. Server=127.0.0.1;Database=luarm;User ID=luarm;Password=...");
        }
    }
}
