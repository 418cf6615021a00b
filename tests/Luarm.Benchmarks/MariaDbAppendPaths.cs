using Luarm.Store.Access;
using Luarm.Store.Hosts;
using MySqlConnector;

namespace Luarm.Benchmarks;

/// <summary>
/// The ways to append to MariaDB worth comparing, each on its own fresh
/// database: FactWriter as the admin (the hostid trigger takes its quick path:
/// not a host account, keep the hostid given), as a registered host's account
/// (the agents' path: the trigger counts the row against the account's
/// 50,000-rows bound and stamps its hostid), into a database whose netinfo trigger was dropped for this
/// measurement only, in calls of 1,000 rows, and LOAD DATA LOCAL.
/// </summary>
public sealed class MariaDbAppendPaths : IAsyncDisposable
{
    private const string HostName = "bench-host01";
    private readonly List<BenchStore> _stores = [];
    private HostRegistry? _registry;

    public IReadOnlyList<AppendVariant> Variants { get; private set; } = [];

    public static async Task<MariaDbAppendPaths> CreateAsync(string server)
    {
        var paths = new MariaDbAppendPaths();
        try
        {
            var admin = await paths.AddAsync(server, "_v_admin");
            var host = await paths.AddAsync(server, "_v_host");
            var bare = await paths.AddAsync(server, "_v_notrigger");
            var small = await paths.AddAsync(server, "_v_small");
            var load = await paths.AddAsync(server, "_v_loaddata");
            await bare.Store.RunAsync(async connection =>
            {
                await using var drop = new MySqlCommand("DROP TRIGGER netinfo_stamp_host", (MySqlConnection)connection);
                await drop.ExecuteNonQueryAsync();
            });
            paths._registry = new HostRegistry(host.Store);
            var agent = FactStore.Open((await paths._registry.AddAsync(HostName)).AgentConnection!);
            var loadConnection = ((MySqlStore)load.Store).Settings.ConnectionString;
            paths.Variants =
            [
                new("FactWriter, admin account (trigger quick path)", rows => new FactWriter(admin.Store).AppendAsync(rows)),
                new("FactWriter, host account (trigger stamps hostid)", rows => new FactWriter(agent).AppendAsync(rows)),
                new("FactWriter, admin account, trigger dropped", rows => new FactWriter(bare.Store).AppendAsync(rows)),
                new("FactWriter, admin account, calls of 1,000 rows", rows => AppendVariant.InCallsOf(1_000, rows, new FactWriter(small.Store))),
                new("LOAD DATA LOCAL (MySqlBulkCopy), admin account", rows => LoadDataAppend.AppendAsync(loadConnection, rows)),
            ];
            return paths;
        }
        catch
        {
            await paths.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_registry is not null)
        {
            await _registry.RemoveAsync(HostName);
        }
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }

    private async Task<BenchStore> AddAsync(string server, string suffix)
    {
        var store = await BenchStore.CreateMySqlAsync(server, suffix);
        _stores.Add(store);
        return store;
    }
}
