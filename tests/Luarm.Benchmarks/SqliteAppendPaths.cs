using Luarm.Store.Access;

namespace Luarm.Benchmarks;

/// <summary>
/// The ways to append to SQLite worth comparing, each in its own fresh file:
/// FactWriter (page cache raised for the append) and the same in calls of
/// 1,000 rows. (The append with SQLite's default page cache, measured once to
/// decide on the larger cache, is recorded in docs/benchmarks.md.)
/// </summary>
public sealed class SqliteAppendPaths : IAsyncDisposable
{
    private readonly List<BenchStore> _stores = [];

    public IReadOnlyList<AppendVariant> Variants { get; private set; } = [];

    public static async Task<SqliteAppendPaths> CreateAsync()
    {
        var paths = new SqliteAppendPaths();
        var current = await paths.AddAsync();
        var small = await paths.AddAsync();
        paths.Variants =
        [
            new("FactWriter", rows => new FactWriter(current.Store).AppendAsync(rows)),
            new("FactWriter, calls of 1,000 rows", rows => AppendVariant.InCallsOf(1_000, rows, new FactWriter(small.Store))),
        ];
        return paths;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }

    private async Task<BenchStore> AddAsync()
    {
        var store = await BenchStore.CreateSqliteAsync();
        _stores.Add(store);
        return store;
    }
}
