using System.Data.Common;
using Luarm.Store.Errors;
using MySqlConnector;

namespace Luarm.Store.Access;

/// <summary>The central store for a fleet: a MariaDB (or MySQL) database.</summary>
public sealed class MySqlStore : FactStore
{
    private readonly string _connectionString;

    public MySqlStore(string connectionString)
    {
        try
        {
            Settings = new MySqlConnectionStringBuilder(connectionString)
            {
                DateTimeKind = MySqlDateTimeKind.Utc,
                // A zero date written under a lax sql_mode reads as DateTime.MinValue, not as an exception.
                ConvertZeroDateTime = true,
                ConnectionTimeout = 10,
            };
        }
        catch (ArgumentException error)
        {
            throw new StoreException($"the MariaDB connection string is not valid ({error.Message}); fix store.connection: Server=host;Port=3306;Database=luarm;User ID=...;Password=...");
        }
        if (string.IsNullOrEmpty(Settings.Database))
        {
            throw new StoreException("the MariaDB connection string names no database; add Database=luarm to store.connection");
        }
        _connectionString = Settings.ConnectionString;
    }

    public override StoreDialect Dialect => StoreDialect.MySql;

    /// <summary>The parsed settings; host accounts are handed out with the same server and database.</summary>
    public MySqlConnectionStringBuilder Settings { get; }

    public override string Location => $"MariaDB {Settings.Server}:{Settings.Port}/{Settings.Database}";

    public override object ToParameter(object? value) => value switch
    {
        null => DBNull.Value,
        DateTime time => StoreTime.Truncate(StoreTime.ToUtc(time)),
        _ => value,
    };

    protected override DbConnection CreateConnection() => new MySqlConnection(_connectionString);

    protected override StoreException? Explain(Exception error)
    {
        if (error is not MySqlException mysql)
        {
            return null;
        }
        var user = Settings.UserID;
        return mysql.ErrorCode switch
        {
            MySqlErrorCode.UnableToConnectToHost =>
                new StoreException($"cannot reach {Location} ({mysql.Message.TrimEnd('.')}); is the server running and is store.connection in luarm.yaml right?", error),
            MySqlErrorCode.AccessDenied =>
                new StoreException($"{Location} refused user '{user}' ({mysql.Message.TrimEnd('.')}); check User ID and Password in store.connection", error),
            MySqlErrorCode.UnknownDatabase =>
                new StoreException($"database '{Settings.Database}' does not exist on {Settings.Server}:{Settings.Port}; create it (CREATE DATABASE {Settings.Database}) then run 'luarm schema migrate'", error),
            MySqlErrorCode.NoSuchTable =>
                new StoreException($"{mysql.Message.TrimEnd('.')} in {Location}; run 'luarm schema migrate' to create the tables", error),
            _ => new StoreException($"{Location}: ERROR {(int)mysql.ErrorCode} ({mysql.SqlState}): {mysql.Message}", error),
        };
    }
}
