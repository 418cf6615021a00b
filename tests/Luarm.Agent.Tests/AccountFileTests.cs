using System.Text;
using Luarm.Agent.Interop;
using Luarm.Agent.Inventory;
using Luarm.Agent.Tests.Support;
using Luarm.Store.Ends;
using Luarm.Store.Inventory;
using Microsoft.Extensions.Logging.Abstractions;

namespace Luarm.Agent.Tests;

/// <summary>/etc/passwd as an attacker may leave it: lines that are not entries are skipped and counted, the read is bounded, and what is not a file is not read.</summary>
public sealed class AccountFileTests : IDisposable
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("luarm-passwd-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string Passwd => Path.Combine(_folder.FullName, "passwd");

    [Fact]
    public void Malformed_lines_are_skipped_counted_and_logged_and_the_entries_around_them_recorded()
    {
        var hostile = new List<byte>();
        hostile.AddRange(Encoding.UTF8.GetBytes(string.Join('\n',
            "good:x:1234:1234:Good User:/home/good:/bin/sh",
            "just some words",
            "nonumber:x:abc:1:::/bin/sh",
            "negative:x:-1:1:::",
            "overflow:x:99999999999:1:::",
            "+nis::::::",
            "toomany:x:1:1:a:b:c:d",
            ":x:7:7:::",
            "ctl\u001b[2J:x:4321::::",
            "")));
        hostile.AddRange([0x00, 0xff, 0xfe, (byte)':', 0x0a]);
        File.WriteAllBytes(Passwd, [.. hostile]);
        var logger = new ListLogger();

        using var collector = new RunningCollector(new InventoryCollector<UserAccount>(new PasswdSource(logger, Passwd), Poll, logger));
        collector.Sink.WaitFor<UserAccount>(u => u.Username == "good", Within, "the good entry");
        var odd = collector.Sink.WaitFor<UserAccount>(u => u.Uid == 4321, Within, "the entry with control characters");
        Assert.Equal(("ctl\u001b[2J", (int?)null, (string?)null, (string?)null), (odd.Username, odd.Gid, odd.HomeDir, odd.Shell));
        Assert.Equal(2, collector.Sink.All<UserAccount>().Count);
        Assert.Equal([$"Warning: {Passwd}: 8 line(s) that are not entries skipped"], logger.Lines);

        File.AppendAllText(Passwd, "later:x:77:77::/home/later:/bin/bash\n");
        collector.Sink.WaitFor<UserAccount>(u => u.Username == "later", Within, "an entry added after the malformed ones");
        Assert.Single(logger.Lines);
    }

    [Fact]
    public void A_file_past_the_bound_is_read_up_to_it_and_the_cut_line_is_not_taken_for_an_entry()
    {
        var line = "user:x:1000:1000::/home/user:/bin/sh\n";
        File.WriteAllText(Passwd, string.Concat(Enumerable.Repeat(line, 100)));
        var file = new AccountFile(Passwd, fields: 7, maxBytes: (line.Length * 10) + 5);

        var entries = file.Read();

        Assert.Equal(10, entries.Count);
        Assert.True(file.Truncated);
        Assert.Equal(1, file.Skipped);
        Assert.All(entries, fields => Assert.Equal("/bin/sh", fields[6]));
    }

    [Fact]
    public void A_missing_file_is_a_failed_read_not_every_user_gone()
    {
        var file = new AccountFile(Passwd + "-none", fields: 7);

        var failure = Assert.IsType<KernelCallException>(Assert.ThrowsAny<IOException>(() => file.Read()));
        Assert.Equal(2, failure.Errno); // ENOENT
    }

    [Fact]
    public void A_file_with_more_entries_than_the_bound_is_read_up_to_it()
    {
        File.WriteAllLines(Passwd, Enumerable.Range(1, 100).Select(n => $"user{n}:x:{n}:{n}::/:"));
        var file = new AccountFile(Passwd, fields: 7, maxEntries: 10);

        var entries = file.Read();

        Assert.Equal(Enumerable.Range(1, 10).Select(n => $"user{n}"), entries.Select(fields => fields[0]));
        Assert.True(file.Truncated);
        Assert.Equal(90, file.Skipped);
    }

    [Theory]
    [InlineData("fifo")]
    [InlineData("directory")]
    public void What_is_not_a_file_in_its_place_is_not_read_and_ends_nothing_until_a_file_is_back(string kind)
    {
        File.WriteAllText(Passwd, "alice:x:1001:1001::/home/alice:/bin/sh\n");
        var logger = new ListLogger();
        using var collector = new RunningCollector(new InventoryCollector<UserAccount>(new PasswdSource(NullLogger.Instance, Passwd), Poll, logger));
        var alice = collector.Sink.WaitFor<UserAccount>(u => u.Username == "alice", Within, "alice");

        File.Delete(Passwd);
        if (kind == "fifo")
        {
            Shell.Run("mkfifo", Passwd); // a read would wait for a writer, or see none and take every user for gone
        }
        else
        {
            Directory.CreateDirectory(Passwd);
        }
        WaitForLine(logger, "Warning: userinfo: cannot read now, the rows stay as last seen until a read succeeds: ");
        Thread.Sleep(Poll * 3);
        Assert.DoesNotContain(collector.Sink.All<InventoryEnd>(), e => e.ItemKey is not null);

        if (kind == "fifo")
        {
            File.Delete(Passwd);
        }
        else
        {
            Directory.Delete(Passwd);
        }
        // Missing for a moment, as when a script removes the file and writes it again: that too leaves the rows as they were.
        File.WriteAllText(Passwd, "alice:x:1001:1001::/home/alice:/bin/sh\nbob:x:1002:1002::/home/bob:/bin/sh\n");
        collector.Sink.WaitFor<UserAccount>(u => u.Username == "bob", Within, "bob, once a file is back");
        Assert.Equal([alice], collector.Sink.All<UserAccount>().Where(u => u.Username == "alice"));
        Assert.DoesNotContain(collector.Sink.All<InventoryEnd>(), e => e.ItemKey is not null);
        Assert.Equal(2, logger.Lines.Count);
        Assert.Equal("Information: userinfo: reading works again", logger.Lines[1]);
    }

    private static void WaitForLine(ListLogger logger, string start)
    {
        var deadline = DateTime.UtcNow + Within;
        while (!logger.Lines.Any(line => line.StartsWith(start, StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"no log line starting {start} within {Within.TotalSeconds}s: {string.Join(" | ", logger.Lines)}");
            Thread.Sleep(50);
        }
    }
}
