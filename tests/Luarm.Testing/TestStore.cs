using Luarm.Store.Access;
using Luarm.Store.Schema;

namespace Luarm.Testing;

/// <summary>A migrated, throwaway store of either dialect, removed on dispose.</summary>
public sealed class TestStore : IAsyncDisposable
{
    private readonly Func<Task> _remove;

    private TestStore(FactStore store, string connectionString, Func<Task> remove)
    {
        Store = store;
        ConnectionString = connectionString;
        _remove = remove;
    }

    public FactStore Store { get; }
    public string ConnectionString { get; }

    public static async Task<TestStore> CreateAsync(StoreDialect dialect, bool migrate = true)
    {
        TestStore created;
        if (dialect == StoreDialect.MySql)
        {
            var connection = await MariaDbServer.CreateDatabaseAsync();
            created = new TestStore(FactStore.Open(connection), connection, () => MariaDbServer.DropDatabaseAsync(connection));
        }
        else
        {
            var folder = Directory.CreateTempSubdirectory("luarm-test-");
            var connection = $"Data Source={Path.Combine(folder.FullName, "luarm.db")};Pooling=False";
            created = new TestStore(FactStore.Open(connection), connection, () =>
            {
                folder.Delete(recursive: true);
                return Task.CompletedTask;
            });
        }
        if (migrate)
        {
            await new Migrator(created.Store).MigrateAsync();
        }
        return created;
    }

    public async ValueTask DisposeAsync() => await _remove();
}
