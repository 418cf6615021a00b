using Luarm.Store.Access;
using Luarm.Store.Schema;
using Microsoft.Data.Sqlite;
using MySqlConnector;

namespace Luarm.Benchmarks;

/// <summary>
/// A migrated store the benchmark owns: a MariaDB database it creates (and drops
/// first when a previous run left it behind), or a SQLite file in a temporary
/// folder. Both are removed on dispose unless asked to keep them.
/// </summary>
public sealed class BenchStore : IAsyncDisposable
{
    private readonly Func<Task> _remove;

    private BenchStore(FactStore store, string connectionString, string label, Func<Task> remove)
    {
        Store = store;
        _connectionString = connectionString;
        Label = label;
        _remove = remove;
    }

    private readonly string _connectionString;

    public FactStore Store { get; }

    /// <summary>The same store without connection pooling: every open is a new connection, as in a one-shot <c>luarm sql</c>.</summary>
    public FactStore Unpooled => FactStore.Open(_connectionString + ";Pooling=False");

    /// <summary>Where it is, for the report: never a password.</summary>
    public string Label { get; }

    public bool Keep { get; init; }

    /// <param name="server">An account that may create and drop databases; its Database names the one to use.</param>
    /// <param name="suffix">Appended to the database name, for side stores of the same run.</param>
    public static async Task<BenchStore> CreateMySqlAsync(string server, string suffix = "", bool keep = false)
    {
        var builder = new MySqlConnectionStringBuilder(server);
        var name = DatabaseName(server) + suffix;
        builder.Database = "";
        await ExecuteAsync(builder.ConnectionString, $"DROP DATABASE IF EXISTS {name}", $"CREATE DATABASE {name} CHARACTER SET utf8mb4");
        var admin = builder.ConnectionString;
        builder.Database = name;
        var connectionString = builder.ConnectionString;
        var store = FactStore.Open(connectionString);
        await new Migrator(store).MigrateAsync();
        return new BenchStore(store, connectionString, $"MariaDB database {name}", () => ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {name}")) { Keep = keep };
    }

    /// <summary>The database a run drops and re-creates: only one named for benchmarks.</summary>
    public static string DatabaseName(string server)
    {
        var database = new MySqlConnectionStringBuilder(server).Database;
        var name = string.IsNullOrEmpty(database) ? "luarm_bench" : database;
        if (!name.Contains("bench", StringComparison.OrdinalIgnoreCase) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException($"the benchmark drops and re-creates database '{name}'; name one of letters, digits and _ that contains 'bench' (e.g. Database=luarm_bench)");
        }
        return name;
    }

    public static async Task<BenchStore> CreateSqliteAsync(bool keep = false)
    {
        var folder = Directory.CreateTempSubdirectory("luarm-bench-");
        var path = Path.Combine(folder.FullName, "luarm.db");
        var connectionString = $"Data Source={path}";
        var store = FactStore.Open(connectionString);
        await new Migrator(store).MigrateAsync();
        return new BenchStore(store, connectionString, $"SQLite file {path}", () =>
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
            return Task.CompletedTask;
        })
        { Keep = keep };
    }

    public async ValueTask DisposeAsync()
    {
        if (Keep)
        {
            Progress.Say($"kept {Label}");
            return;
        }
        await _remove();
    }

    private static async Task ExecuteAsync(string connectionString, params string[] statements)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var statement in statements)
        {
            await using var command = new MySqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
