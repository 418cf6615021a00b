using Luarm.Agent.Files;
using Luarm.Agent.Host;
using Luarm.Agent.Tests.Support;
using Luarm.Store.Facts;
using Microsoft.Extensions.Logging.Abstractions;

namespace Luarm.Agent.Tests;

/// <summary>
/// The watched paths an agent gets when nobody names any: what insiders touch,
/// not the host's scratch traffic (15,130 rows in 14 s were measured with /tmp
/// watched while a database ran from it).
/// </summary>
public sealed class FileWatchDefaultsTests : IDisposable
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);
    private readonly DirectoryInfo _scratch = Directory.CreateDirectory($"/tmp/luarm-flood-{Guid.NewGuid():N}");
    private readonly DirectoryInfo _configuration = Directory.CreateDirectory($"/etc/luarm-test-{Guid.NewGuid():N}");

    public void Dispose()
    {
        _scratch.Delete(recursive: true);
        _configuration.Delete(recursive: true);
    }

    [Fact]
    public void A_flood_of_writes_in_tmp_records_nothing_and_a_write_under_etc_that_follows_it_is_recorded()
    {
        using var collector = new RunningCollector(new FileCollector(new FileWatchOptions(), new UserNames(), NullLogger.Instance));
        var changed = Path.Combine(_configuration.FullName, "sudoers.local");

        // Another process: the collector never records its own (this test's) accesses.
        Shell.Run("/bin/sh", "-c", """
            i=0
            while [ $i -lt 2000 ]; do echo rows > "$1/temp-table-$i"; cat "$1/temp-table-$i" > /dev/null; i=$((i + 1)); done
            echo 'mallory ALL=(ALL) NOPASSWD: ALL' > "$2"
            """, "flood", _scratch.FullName, changed);

        // Events arrive in order: once the later write under /etc is in, every /tmp event was read before it.
        collector.Sink.WaitFor<FileFact>(f => f.Filename == changed && f.AccessType == "close_write", Within, "the write under /etc");
        Assert.DoesNotContain(collector.Sink.All<FileFact>(), f => f.Filename.StartsWith(_scratch.FullName + "/", StringComparison.Ordinal));
    }
}
