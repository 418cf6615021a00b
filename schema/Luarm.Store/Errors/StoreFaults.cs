using Microsoft.Data.Sqlite;
using MySqlConnector;

namespace Luarm.Store.Errors;

/// <summary>
/// Whether a failed append may succeed later. Only a store that says "this data
/// cannot be stored" (a value too long, out of range, of the wrong type, or
/// against a constraint) refuses for good; everything else (timeouts, lock waits,
/// deadlocks, a full disk, a lost connection, an unknown error) is transient.
/// </summary>
public static class StoreFaults
{
    /// <summary>MariaDB errors about a value whose SQLSTATE is not of class 22 or 23.</summary>
    private static readonly HashSet<int> MySqlValueErrors =
    [
        1265, // WARN_DATA_TRUNCATED: "Data truncated for column" (strict mode)
        1366, // TRUNCATED_WRONG_VALUE_FOR_FIELD: "Incorrect integer/string value"
        1367, // ILLEGAL_VALUE_FOR_TYPE
    ];

    /// <summary>True when the store refused the rows themselves: retrying them can never succeed.</summary>
    public static bool IsRefusedData(Exception error) => Driver(error) switch
    {
        MySqlException mysql => mysql.SqlState is ['2', '2' or '3', ..] || MySqlValueErrors.Contains((int)mysql.ErrorCode),
        // CONSTRAINT (NOT NULL, UNIQUE, CHECK, FOREIGN KEY), MISMATCH (datatype), TOOBIG (string or blob).
        SqliteException sqlite => sqlite.SqliteErrorCode is 19 or 20 or 18,
        _ => false,
    };

    /// <summary>True when a unique key already holds the value inserted.</summary>
    public static bool IsDuplicateKey(Exception error) => Driver(error) switch
    {
        MySqlException mysql => mysql.ErrorCode == MySqlErrorCode.DuplicateKeyEntry,
        // SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY.
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        _ => false,
    };

    /// <summary>The driver's own exception, under any number of wrappers (a <see cref="StoreException"/> carries it as its inner one).</summary>
    private static Exception? Driver(Exception? error)
    {
        while (error is not null and not MySqlException and not SqliteException)
        {
            error = error.InnerException;
        }
        return error;
    }
}
