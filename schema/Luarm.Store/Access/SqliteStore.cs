using System.Data.Common;
using System.Runtime.Versioning;
using Luarm.Store.Errors;
using Microsoft.Data.Sqlite;

namespace Luarm.Store.Access;

/// <summary>
/// The embedded store: one SQLite file in WAL mode, for a single host. A store it
/// creates is private to its owner: the folder 0700 (when it makes it), the file
/// 0600, and SQLite gives the -wal and -shm the file's mode.
/// </summary>
public sealed class SqliteStore : FactStore
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly string _connectionString;
    private readonly bool _mayCreate;

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
        _mayCreate = builder.Mode == SqliteOpenMode.ReadWriteCreate && Path != ":memory:";
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
        // Modes are POSIX; on Windows SQLite creates the file as it always did.
        if (_mayCreate && !OperatingSystem.IsWindows() && !File.Exists(Path))
        {
            CreatePrivately();
        }
        return new SqliteConnection(_connectionString);
    }

    /// <summary>The folder and an empty file (a valid empty database) before SQLite would make them 0755 and 0644.</summary>
    [UnsupportedOSPlatform("windows")]
    private void CreatePrivately()
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
        try
        {
            if (!Directory.Exists(directory))
            {
                Directory.CreateDirectory(directory, OwnerOnlyFolder);
            }
            using var created = new FileStream(Path, new FileStreamOptions
            {
                Mode = FileMode.OpenOrCreate,
                Access = FileAccess.Write,
                Share = FileShare.ReadWrite,
                UnixCreateMode = OwnerOnlyFile,
            });
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"cannot create the SQLite store {Path} ({error.Message}); create its folder or point store.connection elsewhere");
        }
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
