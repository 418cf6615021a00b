using Luarm.Agent.Inventory;
using Luarm.Agent.Pipeline;
using Luarm.Agent.Tests.Support;
using Luarm.Store.Access;
using Luarm.Store.Ends;
using Luarm.Store.Inventory;
using Luarm.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Luarm.Agent.Tests;

/// <summary>Inventory rows and their ends through the uploader into both stores, across a restart of the agent.</summary>
public sealed class InventoryStoreTests : IDisposable
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("luarm-inventory-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string Passwd => Path.Combine(_folder.FullName, "passwd");

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task A_removed_user_is_ended_at_its_removal_and_a_restart_ends_the_last_runs_rows_and_keeps_its_own_open(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        File.WriteAllText(Passwd, "alice:x:1001:1001::/home/alice:/bin/sh\nbob:x:1002:1002::/home/bob:/bin/sh\n");
        var first = Record(sink =>
        {
            sink.WaitFor<UserAccount>(u => u.Username == "bob", Within, "bob");
            File.WriteAllText(Passwd, "alice:x:1001:1001::/home/alice:/bin/sh\n");
            sink.WaitFor<InventoryEnd>(e => e.ItemKey == "bob", Within, "bob's removal");
        });
        await UploadAsync(test.Store, first);
        var second = Record(sink => sink.WaitFor<UserAccount>(u => u.Username == "alice", Within, "alice again"));
        await UploadAsync(test.Store, second);

        var stored = await new FactReader(test.Store).ReadAfterAsync<UserAccount>(0, 10);
        var removal = first.OfType<InventoryEnd>().Single(e => e.ItemKey == "bob").Destroyed;
        var restart = second.OfType<InventoryEnd>().Single(e => e.ItemKey is null).Destroyed;
        Assert.Equal(
            [("alice", restart), ("bob", removal), ("alice", (DateTime?)null)],
            stored.Select(u => (u.Username, u.Destroyed)));
        Assert.Equal(restart, stored[2].Created);
    }

    /// <summary>The rows a users collector on the test's passwd adds while <paramref name="meanwhile"/> runs, in order.</summary>
    private IReadOnlyList<object> Record(Action<RecordingSink> meanwhile)
    {
        using var collector = new RunningCollector(new InventoryCollector<UserAccount>(new PasswdSource(NullLogger.Instance, Passwd), TimeSpan.FromMilliseconds(100)));
        meanwhile(collector.Sink);
        return collector.Sink.All<object>();
    }

    private async Task UploadAsync(FactStore store, IReadOnlyList<object> rows)
    {
        var queue = new FactQueue(100);
        foreach (var row in rows)
        {
            queue.Add(row);
        }
        queue.Complete();
        await new Uploader(store, new UploadOptions { SpoolDirectory = Path.Combine(_folder.FullName, "spool"), Hostname = "luarm-test-host" }, NullLogger.Instance)
            .RunAsync(queue, CancellationToken.None);
    }
}
