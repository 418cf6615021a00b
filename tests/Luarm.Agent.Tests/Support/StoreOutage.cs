using Luarm.Store.Access;
using Luarm.Store.Schema;
using Luarm.Testing;
using MySqlConnector;

namespace Luarm.Agent.Tests.Support;

/// <summary>
/// A store the agent cannot reach until <see cref="End"/>: on MariaDB a port that
/// refuses connections, then forwards them; on SQLite a store folder that is a
/// plain file, then a real folder with a migrated store.
/// </summary>
public sealed class StoreOutage : IAsyncDisposable
{
    private readonly TestStore? _server;
    private readonly TcpForwarder? _forwarder;
    private readonly DirectoryInfo? _root;

    private StoreOutage(FactStore agentStore, TestStore? server, TcpForwarder? forwarder, DirectoryInfo? root)
    {
        AgentStore = agentStore;
        _server = server;
        _forwarder = forwarder;
        _root = root;
    }

    /// <summary>The store as the agent sees it.</summary>
    public FactStore AgentStore { get; }

    /// <summary>The store as an examiner reads it, reachable all along.</summary>
    public FactStore Examiner => _server?.Store ?? AgentStore;

    public static async Task<StoreOutage> BeginAsync(StoreDialect dialect)
    {
        if (dialect == StoreDialect.MySql)
        {
            var server = await TestStore.CreateAsync(StoreDialect.MySql);
            var direct = new MySqlConnectionStringBuilder(server.ConnectionString);
            var forwarder = new TcpForwarder((int)direct.Port);
            direct.Server = "127.0.0.1";
            direct.Port = (uint)forwarder.Port;
            return new StoreOutage(FactStore.Open(direct.ConnectionString), server, forwarder, null);
        }
        var root = Directory.CreateTempSubdirectory("luarm-outage-");
        var folder = Path.Combine(root.FullName, "store");
        await File.WriteAllTextAsync(folder, "a file where the store's folder should be");
        return new StoreOutage(FactStore.Open($"Data Source={Path.Combine(folder, "luarm.db")};Pooling=False"), null, null, root);
    }

    public async Task EndAsync()
    {
        if (_forwarder is not null)
        {
            _forwarder.Start();
            return;
        }
        File.Delete(Path.Combine(_root!.FullName, "store"));
        await new Migrator(AgentStore).MigrateAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _forwarder?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        _root?.Delete(recursive: true);
    }
}
