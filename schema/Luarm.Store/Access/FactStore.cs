using System.Data.Common;
using Dapper;
using Luarm.Store.Errors;

namespace Luarm.Store.Access;

/// <summary>
/// One relational store, in one of two dialects. It opens connections and turns
/// driver failures into <see cref="StoreException"/>s a user can act on; the
/// features (migrations, appends, reads, hosts, alerts) are built on it.
/// </summary>
public abstract class FactStore
{
    static FactStore()
    {
        SqlMapper.RemoveTypeMap(typeof(DateTime));
        SqlMapper.AddTypeHandler(new UtcDateTimeHandler());
    }

    public abstract StoreDialect Dialect { get; }

    /// <summary>Where the store is, for messages; never includes a password.</summary>
    public abstract string Location { get; }

    /// <summary>Picks the dialect from the connection string: a file path or
    /// <c>Data Source=</c> is SQLite, <c>Server=</c> is MariaDB/MySQL.</summary>
    public static FactStore Open(string connection) => StoreConnectionString.Open(connection);

    /// <summary>Whether <paramref name="connection"/> names a MariaDB/MySQL server (else a SQLite file).</summary>
    public static bool IsServer(string connection) => StoreConnectionString.IsServer(connection);

    /// <summary>The key/value pairs of <paramref name="connection"/>; a malformed one is a <see cref="StoreException"/>.</summary>
    public static DbConnectionStringBuilder ParseConnection(string connection) => StoreConnectionString.Parse(connection);

    public async Task<DbConnection> OpenAsync(CancellationToken cancel = default)
    {
        var connection = CreateConnection();
        try
        {
            await connection.OpenAsync(cancel);
            await OnOpenedAsync(connection, cancel);
            return connection;
        }
        catch (Exception error) when (Explain(error) is { } explained)
        {
            await connection.DisposeAsync();
            throw explained;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs <paramref name="work"/> on a fresh connection, explaining any store failure.</summary>
    public async Task<T> RunAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancel = default)
    {
        await using var connection = await OpenAsync(cancel);
        try
        {
            return await work(connection);
        }
        catch (Exception error) when (Explain(error) is { } explained)
        {
            throw explained;
        }
    }

    public Task RunAsync(Func<DbConnection, Task> work, CancellationToken cancel = default) =>
        RunAsync(async connection => { await work(connection); return true; }, cancel);

    /// <summary>The value to bind for a column value in this dialect.</summary>
    public abstract object ToParameter(object? value);

    protected abstract DbConnection CreateConnection();

    protected virtual Task OnOpenedAsync(DbConnection connection, CancellationToken cancel) => Task.CompletedTask;

    /// <summary>A one-line explanation of a driver failure, or null when it is not the store's.</summary>
    protected abstract StoreException? Explain(Exception error);
}
