using System.Runtime.Versioning;
using Luarm.Agent.Files;
using Luarm.Agent.Host;
using Luarm.Agent.Tests.Support;
using Luarm.Store.Facts;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Luarm.Agent.Tests;

/// <summary>
/// The file collector never opens a file it hears about. POSIX locks belong to the
/// process: had the collector opened and closed an fd of a file this process holds
/// locked (as SQLite holds its store), the lock would be gone. Another process opens
/// the files here, so the kernel reports them to the collector running in this one.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class FileCollectorLockTests : IDisposable
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);
    private readonly DirectoryInfo _watched = Directory.CreateTempSubdirectory("luarm-agent-locks-");

    public void Dispose() => _watched.Delete(recursive: true);

    [Fact]
    public void A_lock_this_process_holds_survives_another_process_opening_the_file_and_the_open_is_recorded()
    {
        var file = Path.Combine(_watched.FullName, "locked.db");
        using var held = new FileStream(file, FileMode.Create, FileAccess.ReadWrite, FileShare.ReadWrite);
        held.Lock(0, 1);
        using var collector = Start(new FileWatchOptions { WatchPaths = [_watched.FullName] });

        Shell.Run("/bin/sh", "-c", $"cat {file} > /dev/null");

        collector.Sink.WaitFor<FileFact>(f => f.Filename == file && f.AccessType == "open", Within, "the other process's open of the locked file");
        Assert.Equal("locked", LockState(file));
    }

    [Fact]
    public void Sqlite_clients_closing_the_agents_store_leave_its_wal_in_place_and_it_is_never_recorded()
    {
        var store = Path.Combine(_watched.FullName, "luarm.db");
        using var connection = new SqliteConnection($"Data Source={store};Pooling=False");
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL; CREATE TABLE marks (n INTEGER); INSERT INTO marks VALUES (1);");
        using var collector = Start(new FileWatchOptions
        {
            WatchPaths = [_watched.FullName],
            ExcludedPaths = [store, store + "-wal", store + "-shm", store + "-journal"],
        });
        var marker = Path.Combine(_watched.FullName, "marker.txt");

        Shell.Run("python3", "-c", """
            import sqlite3, sys
            for _ in range(5):
                c = sqlite3.connect(sys.argv[1])
                c.execute("select count(*) from marks").fetchone()
                c.backup(sqlite3.connect(":memory:"))
                c.close()
            open(sys.argv[2], "w").write("x")
            """, store, marker);

        // The marker comes last from the same process: once it is seen, the store's events were handled.
        collector.Sink.WaitFor<FileFact>(f => f.Filename == marker, Within, "the marker file");
        Assert.True(File.Exists(store + "-wal"), "the other client deleted the -wal: it found the store unlocked");
        Execute(connection, "INSERT INTO marks VALUES (2);");
        Assert.DoesNotContain(collector.Sink.All<FileFact>(), f => f.Filename.StartsWith(store, StringComparison.Ordinal));
    }

    /// <summary>Whether another process can take a write lock on byte 0 of <paramref name="file"/>: "locked" or "free".</summary>
    private static string LockState(string file) => Shell.Run("python3", "-c", """
        import fcntl, sys
        f = open(sys.argv[1], "r+")
        try:
            fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, 0)
            print("free")
        except OSError:
            print("locked")
        """, file);

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static RunningCollector Start(FileWatchOptions options) =>
        new(new FileCollector(options, new UserNames(), NullLogger.Instance));
}
