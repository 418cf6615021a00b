using System.Runtime.Versioning;
using Luarm.Agent.Pipeline;
using Luarm.Agent.Tests.Support;
using Luarm.Store.Facts;

namespace Luarm.Agent.Tests;

/// <summary>The spool on disk: ordered, bounded with a logged loss, and kept across restarts.</summary>
public sealed class SpoolTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("luarm-spool-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void Past_its_bound_the_oldest_chunks_are_dropped_and_the_lost_rows_logged()
    {
        var logger = new ListLogger();
        var oneChunk = Measure(Chunk(firstPid: 10, rows: 10));
        var spool = new Spool(_directory.FullName, maxBytes: oneChunk * 3, logger);

        for (var chunk = 1; chunk <= 5; chunk++)
        {
            spool.Add(Chunk(firstPid: chunk * 10, rows: 10));
        }

        Assert.Equal(30, spool.Rows);
        Assert.Equal(30, FirstPid(Spool.Read(spool.Oldest()!)));
        Assert.Contains(logger.Lines, line => line.Contains("10 row(s) lost", StringComparison.Ordinal));
        Assert.Equal(2, logger.Lines.Count(line => line.StartsWith("Error: spool", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_new_spool_on_the_same_folder_replays_what_the_last_one_left_in_order_and_appends_after_it()
    {
        var first = new Spool(_directory.FullName, long.MaxValue, new ListLogger());
        first.Add(Chunk(firstPid: 100, rows: 2));
        first.Add(Chunk(firstPid: 200, rows: 2));

        var reopened = new Spool(_directory.FullName, long.MaxValue, new ListLogger());
        reopened.Add(Chunk(firstPid: 300, rows: 2));

        var order = new List<int>();
        while (reopened.Oldest() is { } file)
        {
            var chunk = Spool.Read(file);
            Assert.Equal(2, chunk.Rows.Count);
            order.Add(FirstPid(chunk));
            reopened.Remove(file);
        }
        Assert.Equal([100, 200, 300], order);
    }

    [Fact]
    public void Rejected_files_count_against_the_bound_and_go_first_past_it()
    {
        var logger = new ListLogger();
        var oneChunk = Measure(Chunk(firstPid: 10, rows: 10));
        var spool = new Spool(_directory.FullName, maxBytes: oneChunk * 3, logger);
        spool.Reject(Chunk(firstPid: 10, rows: 10), order: null);
        spool.Reject(Chunk(firstPid: 20, rows: 10), order: null);

        spool.Add(Chunk(firstPid: 30, rows: 10));
        spool.Add(Chunk(firstPid: 40, rows: 10));

        Assert.Single(Directory.GetFiles(Path.Combine(_directory.FullName, "rejected")));
        Assert.Equal(20, spool.Rows);
        Assert.Contains(logger.Lines, line => line.Contains("dropped its 1 oldest rejected file(s), 10 row(s) lost", StringComparison.Ordinal));
        // Reopened, the spool counts what rejected/ holds too: one more chunk drops the last rejected file.
        var reopened = new Spool(_directory.FullName, maxBytes: oneChunk * 3, logger);
        reopened.Add(Chunk(firstPid: 50, rows: 10));
        Assert.Empty(Directory.GetFiles(Path.Combine(_directory.FullName, "rejected")));
        Assert.Equal(30, reopened.Rows);
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public void Spool_and_rejected_folders_are_0700_and_their_files_0600_even_when_made_before()
    {
        Directory.CreateDirectory(Path.Combine(_directory.FullName, "rejected"));
        File.SetUnixFileMode(_directory.FullName, (UnixFileMode)0b111_101_101);
        var spool = new Spool(_directory.FullName, long.MaxValue, new ListLogger());

        spool.Add(Chunk(firstPid: 1, rows: 1));
        spool.Reject(Chunk(firstPid: 2, rows: 1), order: null);

        const UnixFileMode folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Assert.Equal(folder, File.GetUnixFileMode(_directory.FullName));
        Assert.Equal(folder, File.GetUnixFileMode(Path.Combine(_directory.FullName, "rejected")));
        var files = Directory.GetFiles(_directory.FullName, "*", SearchOption.AllDirectories);
        Assert.Equal(2, files.Length);
        Assert.All(files, file => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file)));
    }

    private long Measure(Chunk chunk)
    {
        var probe = new Spool(Path.Combine(_directory.FullName, "probe"), long.MaxValue, new ListLogger());
        probe.Add(chunk);
        return new FileInfo(probe.Oldest()!.Path).Length;
    }

    private static readonly UploadBatches Batches = new();

    private static Chunk Chunk(int firstPid, int rows) =>
        Pipeline.Chunk.Split(Enumerable.Range(firstPid, rows).Select(pid => new ProcessFact { Pid = pid, Command = "/bin/true", Created = new DateTime(2011, 2, 5, 7, 0, 0, DateTimeKind.Utc) }), Batches.Next).Single();

    private static int FirstPid(Chunk chunk) => ((ProcessFact)chunk.Rows[0]).Pid;
}
