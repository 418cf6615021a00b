using Dapper;
using Luarm.Store.Access;
using Luarm.Store.Errors;
using Luarm.Store.Facts;
using Luarm.Store.Hosts;
using Luarm.Testing;

namespace Luarm.Store.Tests;

/// <summary>Idempotent appends: a batch id stored with its rows makes a retried or replayed chunk land once.</summary>
public sealed class AppendOnceTests
{
    private static readonly DateTime T0 = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task A_batch_appended_twice_is_stored_once_and_the_second_call_says_so(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var writer = new FactWriter(test.Store);
        var batch = new UploadBatch("0123456789abcdef", 7);

        Assert.True(await writer.AppendOnceAsync(Processes(1, 3), batch, hostId: 1));
        Assert.False(await writer.AppendOnceAsync(Processes(1, 3), batch, hostId: 1));
        // Another part, another sequence, another agent instance: each a batch of its own.
        Assert.True(await writer.AppendOnceAsync(Processes(4, 1), batch.Half(0), hostId: 1));
        Assert.True(await writer.AppendOnceAsync(Processes(5, 1), batch with { Sequence = 8 }, hostId: 1));
        Assert.True(await writer.AppendOnceAsync(Processes(6, 1), batch with { Agent = "fedcba9876543210" }, hostId: 1));

        Assert.Equal([1, 2, 3, 4, 5, 6], await Pids(test.Store));
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task Rows_whose_table_is_known_at_run_time_append_once_under_a_host_without_account(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        await new HostRegistry(test.Store).AddWithoutAccountAsync("first");
        var hostId = await new HostRegistry(test.Store).AddWithoutAccountAsync("imported");
        Assert.NotEqual(1, hostId);
        var writer = new FactWriter(test.Store);
        var table = Luarm.Store.Vocabulary.FactTable.Of<ProcessFact>();
        var rows = Processes(1, 2).Select(p => { p.HostId = hostId; return (object)p; }).ToList();
        var batch = new UploadBatch("import", 0);

        Assert.True(await writer.AppendOnceAsync(table, rows, batch, hostId));
        Assert.False(await writer.AppendOnceAsync(table, rows, batch, hostId));
        await Assert.ThrowsAsync<ArgumentException>(() => writer.AppendOnceAsync(table, [Endpoint("tcp")], batch with { Sequence = 1 }, hostId));

        Assert.Equal([1, 2], await Pids(test.Store));
        var stored = await new FactReader(test.Store).ReadAfterAsync<ProcessFact>(0, 100);
        Assert.All(stored, p => Assert.Equal(hostId, p.HostId));
        Assert.Null((await new HostRegistry(test.Store).FindAsync("imported"))!.Account);
        await Assert.ThrowsAsync<StoreException>(() => new HostRegistry(test.Store).AddWithoutAccountAsync("IMPORTED"));
    }

    [Fact]
    public async Task A_host_account_records_batches_stamped_with_its_own_hostid_so_another_host_cannot_claim_them()
    {
        await using var test = await TestStore.CreateAsync(StoreDialect.MySql);
        var registry = new HostRegistry(test.Store);
        var web01 = FactStore.Open((await registry.AddAsync("web01")).AgentConnection!);
        var db01 = FactStore.Open((await registry.AddAsync("db01")).AgentConnection!);
        var batch = new UploadBatch("0123456789abcdef", 1);
        try
        {
            Assert.True(await new FactWriter(web01).AppendOnceAsync(Processes(1, 2), batch, hostId: 999));
            Assert.True(await new FactWriter(db01).AppendOnceAsync(Processes(3, 2), batch, hostId: 999));
            Assert.False(await new FactWriter(web01).AppendOnceAsync(Processes(1, 2), batch, hostId: 999));

            Assert.Equal([1, 2, 3, 4], await Pids(test.Store));
            var hosts = await test.Store.RunAsync(c => c.QueryAsync<int>("SELECT hostid FROM uploads ORDER BY uploadid"));
            Assert.Equal([(await registry.FindAsync("web01"))!.HostId, (await registry.FindAsync("db01"))!.HostId], hosts);
        }
        finally
        {
            await registry.RemoveAsync("web01");
            await registry.RemoveAsync("db01");
        }
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task A_value_the_schema_cannot_hold_is_refused_data_and_the_batch_is_not_recorded(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var writer = new FactWriter(test.Store);
        var batch = new UploadBatch("0123456789abcdef", 1);
        // NOT NULL on SQLite; on MariaDB also a value longer than its column (transport is VARCHAR(16)).
        IReadOnlyList<EndpointFact> bad = dialect == StoreDialect.MySql
            ? [Endpoint(transport: new string('t', 40))]
            : [Endpoint(transport: null!)];

        var refused = await Assert.ThrowsAsync<StoreException>(() => writer.AppendOnceAsync(bad, batch, hostId: 1));

        Assert.True(StoreFaults.IsRefusedData(refused), refused.Message);
        Assert.True(await writer.AppendOnceAsync([Endpoint("tcp")], batch, hostId: 1));
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task An_unreachable_store_is_not_refused_data(StoreDialect dialect)
    {
        var store = FactStore.Open(dialect == StoreDialect.MySql
            ? "Server=127.0.0.1;Port=1;Database=luarm;User ID=x;Password=y"
            : $"Data Source={Path.Combine("/proc/self/luarm-none", "luarm.db")}");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => new FactWriter(store).AppendOnceAsync(Processes(1, 1), new UploadBatch("a", 1), hostId: 1));

        Assert.False(StoreFaults.IsRefusedData(error), error.Message);
    }

    private static ProcessFact[] Processes(int firstPid, int count) =>
        [.. Enumerable.Range(firstPid, count).Select(pid => new ProcessFact { HostId = 1, Pid = pid, Command = "/bin/true", Created = T0 })];

    private static EndpointFact Endpoint(string transport) => new()
    {
        HostId = 1,
        Transport = transport,
        SourceIp = "127.0.0.1",
        DestIp = "127.0.0.2",
        DestPort = 6667,
        IpVersion = 4,
        Username = "nobody",
        Pid = 1,
        Application = "crond",
        Created = T0,
    };

    private static async Task<IReadOnlyList<int>> Pids(FactStore store) =>
        [.. (await new FactReader(store).ReadAfterAsync<ProcessFact>(0, 100)).Select(p => p.Pid)];
}
