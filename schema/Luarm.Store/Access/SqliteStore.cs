using System.Data.Common;
using Luarm.Store.Errors;
using Microsoft.Data.Sqlite;

namespace Luarm.Store.Access;

/// <summary>The embedded store: one SQLite file in WAL mode, for a single host.</summary>
public sealed class SqliteStore : FactStore
{
    private readonly string _connectionString;

    public SqliteStore(string connectionString)
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException error)
        {
            throw new StoreException($"the SQLite connection string is not valid ({error.Message}); fix store.connection: Data Source=/path/to/luarm.db");
        }
        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            throw new StoreException("the SQLite connection string names no file; fix store.connection: Data Source=/path/to/luarm.db");
        }
        Path = builder.DataSource;
        _connectionString = builder.ToString();
    }

    public override StoreDialect Dialect => StoreDialect.Sqlite;

    public string Path { get; }

    public override string Location => $"SQLite file {Path}";

    public override object ToParameter(object? value) => value switch
    {
        null => DBNull.Value,
        DateTime time => StoreTime.ToText(time),
        _ => value,
    };

    protected override DbConnection CreateConnection()
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
        if (Path != ":memory:" && directory is not null && !Directory.Exists(directory))
        {
            try
            {
                Directory.CreateDirectory(directory);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                throw new StoreException($"cannot create the folder {directory} for the SQLite store ({error.Message}); create it or point store.connection elsewhere");
            }
        }
        return new SqliteConnection(_connectionString);
    }

    protected override async Task OnOpenedAsync(DbConnection connection, CancellationToken cancel)
    {
        // WAL lets the engine read while an agent appends; NORMAL is durable at each checkpoint.
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;";
        await pragma.ExecuteNonQueryAsync(cancel);
    }

    protected override StoreException? Explain(Exception error)
    {
        if (error is not SqliteException sqlite)
        {
            return null;
        }
        var message = sqlite.Message.Replace("SQLite Error", "SQLite error", StringComparison.Ordinal);
        if (message.Contains("no such table", StringComparison.Ordinal))
        {
            return new StoreException($"{message.TrimEnd('.')} in {Location}; run 'luarm schema migrate' to create the tables", error);
        }
        if (sqlite.SqliteErrorCode is 14 /* CANTOPEN */ or 8 /* READONLY */ or 26 /* NOTADB */)
        {
            return new StoreException($"cannot use {Location}: {message}; check the path and its permissions in store.connection", error);
        }
        return new StoreException($"{message} ({Location})", error);
    }
}
