using System.Diagnostics;
using Luarm.Agent.Enrichment;
using Luarm.Agent.Enrichment.Hashes;
using Luarm.Agent.Interop;
using Luarm.Agent.Tests.Support;
using Luarm.Store.Facts;

namespace Luarm.Agent.Tests;

/// <summary>
/// psinfo/netinfo md5sum and sha256 of real executables, checked against md5sum(1) and
/// sha256sum(1); the cache by file identity; files that must neither stall nor crash the agent.
/// </summary>
public sealed class ExecutableHashTests : IDisposable
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("luarm-hash-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task The_hashes_of_a_real_executable_are_those_of_md5sum_and_sha256sum_and_it_is_read_once()
    {
        var program = Copy("/usr/bin/sleep", "prog");
        using var hasher = new ExecutableHasher(new EnrichOptions());

        var hashes = await HashesOf(hasher, program);

        Assert.Equal(new ExecutableHashes(Shell.Digest("md5sum", program), Shell.Digest("sha256sum", program)), hashes);
        Assert.Equal((hashes, null), hasher.Find(program));
        Assert.Equal(1, hasher.FilesRead);
    }

    [Fact]
    public async Task An_executable_rewritten_in_place_or_replaced_by_rename_gets_its_new_hashes()
    {
        var program = Copy("/usr/bin/sleep", "prog");
        using var hasher = new ExecutableHasher(new EnrichOptions());
        var first = await HashesOf(hasher, program);
        var inode = FileStatus.OfPath(program)!.Value.Inode;

        File.Copy("/usr/bin/true", program, overwrite: true);
        Assert.Equal(inode, FileStatus.OfPath(program)!.Value.Inode);
        var rewritten = await HashesOf(hasher, program);
        var replacement = Copy("/usr/bin/env", "prog.new");
        File.Move(replacement, program, overwrite: true);
        var renamed = await HashesOf(hasher, program);

        Assert.NotEqual(first, rewritten);
        Assert.Equal(Shell.Digest("md5sum", "/usr/bin/true"), rewritten.Md5);
        Assert.Equal(Shell.Digest("sha256sum", "/usr/bin/env"), renamed.Sha256);
        Assert.Equal(3, hasher.FilesRead);
    }

    [Fact]
    public void A_file_over_the_size_bound_is_not_hashed_and_not_read()
    {
        var huge = Path.Combine(_folder.FullName, "huge");
        using (var file = File.Create(huge))
        {
            file.SetLength(4L << 30);
        }
        using var hasher = new ExecutableHasher(new EnrichOptions { MaxHashBytes = 1 << 20 });

        var started = Stopwatch.GetTimestamp();
        Assert.Equal((null, null), hasher.Find(huge));

        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromMilliseconds(100));
        Assert.Equal(0, hasher.FilesRead);
    }

    [Fact]
    public async Task A_large_executable_being_hashed_holds_no_row_past_the_wait()
    {
        var large = Path.Combine(_folder.FullName, "large");
        using (var file = File.Create(large))
        {
            file.SetLength(768L << 20);
        }
        using var enricher = new ExecutableHashEnricher(new ExecutableHasher(new EnrichOptions { MaxHashBytes = 1L << 30 }));
        var rows = new TimedSink();
        var wait = TimeSpan.FromMilliseconds(100);
        var sink = new EnrichingSink(rows, [enricher], wait, new ListLogger());

        var added = Stopwatch.GetTimestamp();
        sink.Add(new ProcessFact { Pid = 0, Exe = large, Command = "large" });
        await Eventually.True(() => rows.Rows.Count == 1, "the row handed on");
        var held = Stopwatch.GetElapsedTime(added, rows.Rows[0].Arrived);
        sink.Add(new ProcessFact { Pid = 0, Exe = large, Command = "large, later" });
        Assert.Equal(0, sink.Complete(Within));

        Assert.True(held < wait + TimeSpan.FromMilliseconds(250), $"held {held.TotalMilliseconds} ms");
        Assert.Null(((ProcessFact)rows.Rows[0].Row).Md5Sum);
    }

    [Fact]
    public void A_vanished_path_a_fifo_and_a_directory_give_no_hash_at_once()
    {
        var fifo = Path.Combine(_folder.FullName, "fifo");
        Shell.Run("mkfifo", fifo);
        using var hasher = new ExecutableHasher(new EnrichOptions());

        var started = Stopwatch.GetTimestamp();
        Assert.Equal((null, null), hasher.Find(Path.Combine(_folder.FullName, "gone")));
        Assert.Equal((null, null), hasher.Find(fifo));
        Assert.Equal((null, null), hasher.Find(_folder.FullName));

        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromMilliseconds(100));
        Assert.Equal(0, hasher.FilesRead);
    }

    [Fact]
    public async Task A_running_process_is_hashed_by_its_image_even_once_its_file_was_replaced_and_deleted()
    {
        var program = Copy("/usr/bin/sleep", "sleeper");
        var image = Shell.Digest("sha256sum", program);
        using var sleeper = Process.Start(program, "30");
        try
        {
            // The kernel shows the image once execve is done.
            await Eventually.True(() => ProcFile.ReadLink($"/proc/{sleeper.Id}/exe") == program, "the exec");
            File.Copy("/usr/bin/true", program + ".new");
            File.Move(program + ".new", program, overwrite: true);
            using var enricher = new ExecutableHashEnricher(new ExecutableHasher(new EnrichOptions()));
            var rows = new RecordingSink();
            var sink = new EnrichingSink(rows, [enricher], Within, new ListLogger());

            sink.Add(new ProcessFact { Pid = sleeper.Id, Exe = program, Command = program });
            sink.Add(new EndpointFact { Pid = sleeper.Id, Application = "sleeper" });
            sink.Add(new ProcessFact { Pid = 0, Exe = program, Command = "the file now at the path" });
            Assert.Equal(0, sink.Complete(Within));

            Assert.Equal(image, rows.All<ProcessFact>()[0].Sha256);
            Assert.Equal(image, rows.All<EndpointFact>()[0].Sha256);
            Assert.Equal(Shell.Digest("md5sum", "/usr/bin/sleep"), rows.All<EndpointFact>()[0].Md5Sum);
            Assert.Equal(Shell.Digest("sha256sum", "/usr/bin/true"), rows.All<ProcessFact>()[1].Sha256);
        }
        finally
        {
            sleeper.Kill();
            sleeper.WaitForExit();
        }
    }

    private static async Task<ExecutableHashes> HashesOf(ExecutableHasher hasher, string path)
    {
        var (known, pending) = hasher.Find(path);
        return known ?? await pending!.WaitAsync(Within) ?? throw new InvalidOperationException($"{path} was not hashed");
    }

    private string Copy(string from, string name)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.Copy(from, path);
        return path;
    }
}
