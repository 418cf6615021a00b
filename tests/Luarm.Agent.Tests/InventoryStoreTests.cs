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

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task Names_and_fields_longer_than_their_columns_are_stored_cut_and_ended_and_a_trailing_space_is_not_another_root(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        // 300 characters, each a surrogate pair in .NET and 4 bytes in UTF-8: a cut by UTF-16 units would split one.
        var longName = string.Concat(Enumerable.Repeat("\U0001F600", 300));
        var hugeHome = "/" + new string('h', 100_000);
        var longShell = "/bin/" + new string('s', 1_000);
        var root = "root:x:0:0:root:/root:/bin/bash\n";
        File.WriteAllText(Passwd, root + "root :x:0:0::/root:/bin/sh\n" + $"{longName}:x:0:0::{hugeHome}:{longShell}\n");
        var rows = Record(sink =>
        {
            sink.WaitFor<UserAccount>(u => u.Uid == 0 && u.Username.Length > 10, Within, "the long name");
            File.WriteAllText(Passwd, root);
            sink.WaitFor<InventoryEnd>(e => e.ItemKey == "root ", Within, "the end of \"root \"");
            sink.WaitFor<InventoryEnd>(e => e.ItemKey is { Length: > 10 }, Within, "the end of the long name");
        });
        await UploadAsync(test.Store, rows);

        var stored = await new FactReader(test.Store).ReadAfterAsync<UserAccount>(0, 10);
        Assert.Equal(["root", "root ", string.Concat(Enumerable.Repeat("\U0001F600", 255))], stored.Select(u => u.Username));
        Assert.Null(stored[0].Destroyed);
        Assert.All(stored.Skip(1), u => Assert.NotNull(u.Destroyed));
        Assert.Equal(longShell[..255], stored[2].Shell);
        // Cut by the agent to what a TEXT column takes, then by MariaDB to its own bound with a marker (migration 0012).
        var agentCut = hugeHome[..StoreText.TextColumn];
        Assert.Equal(dialect == StoreDialect.MySql ? agentCut[..4096] + $" [luarm: cut {agentCut.Length - 4096} characters]" : agentCut, stored[2].HomeDir);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_folder.FullName, "spool"), "*", SearchOption.AllDirectories));
    }

    /// <summary>The rows a users collector on the test's passwd adds while <paramref name="meanwhile"/> runs, in order.</summary>
    private IReadOnlyList<object> Record(Action<RecordingSink> meanwhile)
    {
        using var collector = new RunningCollector(new InventoryCollector<UserAccount>(new PasswdSource(NullLogger.Instance, Passwd), TimeSpan.FromMilliseconds(100), NullLogger.Instance));
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
