using System.Diagnostics;
using Luarm.Agent.Files;
using Luarm.Agent.Host;
using Luarm.Agent.Tests.Support;
using Luarm.Store.Facts;
using Microsoft.Extensions.Logging.Abstractions;

namespace Luarm.Agent.Tests;

/// <summary>The file collector on real fanotify marks, watching a temporary directory.</summary>
public sealed class FileCollectorTests : IDisposable
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);
    private readonly DirectoryInfo _watched = Directory.CreateTempSubdirectory("luarm-agent-files-");

    public void Dispose() => _watched.Delete(recursive: true);

    [Fact]
    public void A_file_written_by_another_process_is_recorded_with_that_process()
    {
        var file = Path.Combine(_watched.FullName, "sub", "secret.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        using var collector = Start(new FileWatchOptions { WatchPaths = [_watched.FullName] });

        using var writer = Process.Start("/bin/sh", ["-c", $"echo leaked > {file}; sleep 1"])!;

        var written = collector.Sink.WaitFor<FileFact>(f => f.Filename == file && f.AccessType == "close_write", Within, "the write of the file");
        Assert.Equal(writer.Id, written.Pid);
        Assert.Equal(Environment.ProcessId, written.Ppid);
        Assert.Equal("/bin/sh", written.Command);
        Assert.Equal((0, "root"), (written.Uid, written.Username));
        var opened = collector.Sink.WaitFor<FileFact>(f => f.Filename == file && f.AccessType == "open", Within, "the open of the file");
        Assert.Equal(writer.Id, opened.Pid);
        writer.WaitForExit();
    }

    [Fact]
    public void Excluded_paths_files_outside_the_watch_and_the_agents_own_accesses_are_not_recorded()
    {
        var excluded = Directory.CreateDirectory(Path.Combine(_watched.FullName, "spool")).FullName;
        var outside = Directory.CreateTempSubdirectory("luarm-agent-outside-");
        try
        {
            using var collector = Start(new FileWatchOptions { WatchPaths = [_watched.FullName], ExcludedPaths = [excluded] });
            File.WriteAllText(Path.Combine(_watched.FullName, "own.txt"), "the agent's own write");
            var marker = Path.Combine(_watched.FullName, "marker.txt");

            Shell.Run("/bin/sh", "-c", $"echo x > {excluded}/batch.jsonl; echo x > {outside.FullName}/other.txt; echo x > {marker}");

            // The marker comes last from the same shell: once it is seen, the others would have been too.
            collector.Sink.WaitFor<FileFact>(f => f.Filename == marker, Within, "the marker file");
            Assert.DoesNotContain(collector.Sink.All<FileFact>(), f => f.Filename.StartsWith(excluded, StringComparison.Ordinal)
                || f.Filename.StartsWith(outside.FullName, StringComparison.Ordinal)
                || f.Filename.EndsWith("own.txt", StringComparison.Ordinal)
                || f.Pid == Environment.ProcessId);
        }
        finally
        {
            outside.Delete(recursive: true);
        }
    }

    [Fact]
    public void Hostile_names_are_recorded_verbatim_a_line_break_and_the_longest_name_a_file_system_allows()
    {
        var broken = Path.Combine(_watched.FullName, "report\nroot ran sh -i");
        var longest = Path.Combine(_watched.FullName, new string('n', 255));
        using var collector = Start(new FileWatchOptions { WatchPaths = [_watched.FullName] });

        Shell.Run("/bin/sh", "-c", "echo x > \"$1\"; echo x > \"$2\"", "sh", broken, longest);

        collector.Sink.WaitFor<FileFact>(f => f.Filename == broken && f.AccessType == "close_write", Within, "the file with a line break in its name");
        collector.Sink.WaitFor<FileFact>(f => f.Filename == longest && f.AccessType == "close_write", Within, "the file with a 255-byte name");
    }

    [Fact]
    public void A_single_watched_file_is_recorded_and_its_neighbours_are_not()
    {
        var watched = Path.Combine(_watched.FullName, "shadow");
        var neighbour = Path.Combine(_watched.FullName, "passwd");
        File.WriteAllText(watched, "x");
        File.WriteAllText(neighbour, "x");
        using var collector = Start(new FileWatchOptions { WatchPaths = [watched] });

        Shell.Run("/bin/sh", "-c", "cat \"$1\" \"$2\" > /dev/null; cat \"$1\" > /dev/null", "sh", neighbour, watched);

        collector.Sink.WaitFor<FileFact>(f => f.Filename == watched && f.AccessType == "open", Within, "the open of the watched file");
        Assert.DoesNotContain(collector.Sink.All<FileFact>(), f => f.Filename == neighbour);
    }

    [Fact]
    public void Executing_a_watched_file_is_recorded_as_open_exec()
    {
        var script = Path.Combine(_watched.FullName, "x");
        File.WriteAllText(script, "#!/bin/sh\nexit 0\n");
        Shell.Run("chmod", "+x", script);
        using var collector = Start(new FileWatchOptions { WatchPaths = [_watched.FullName] });

        Shell.Run(script);

        collector.Sink.WaitFor<FileFact>(f => f.Filename == script && f.AccessType == "open_exec", Within, "the execution of the script");
    }

    [Fact]
    public void Runuser_running_cat_as_nobody_is_recorded_as_cat_by_nobody()
    {
        var file = Path.Combine(_watched.FullName, "shadow-like.txt");
        ReadableByNobody(file);
        using var collector = Start(new FileWatchOptions { WatchPaths = [_watched.FullName] });

        // cat keeps running after its open (it then reads stdin until sleep ends), so the
        // agent reads a live process: a pid that is already gone cannot be named (fanotify gives only the pid).
        Shell.Run("sh", "-c", $"sleep 1 | runuser -u nobody -- cat '{file}' - >/dev/null");

        var opened = collector.Sink.WaitFor<FileFact>(f => f.Filename == file && f.AccessType == "open", Within, "cat's open");
        Assert.Equal(("cat", "nobody"), (opened.Command, opened.Username));
    }

    private void ReadableByNobody(string file)
    {
        File.WriteAllText(file, "readable by nobody");
        Shell.Run("chmod", "755", _watched.FullName);
        Shell.Run("chmod", "644", file);
    }

    private static RunningCollector Start(FileWatchOptions options) =>
        new(new FileCollector(options, new UserNames(), NullLogger.Instance));
}
