using System.Text;
using Luarm.Agent.Inventory;
using Luarm.Agent.Tests.Support;
using Luarm.Store.Inventory;

namespace Luarm.Agent.Tests;

/// <summary>/etc/passwd as an attacker may leave it: lines that are not entries are skipped and counted, and the read is bounded.</summary>
public sealed class AccountFileTests : IDisposable
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);
    private readonly string _passwd = Path.Combine(Path.GetTempPath(), "luarm-passwd-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => File.Delete(_passwd);

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
        File.WriteAllBytes(_passwd, [.. hostile]);
        var logger = new ListLogger();

        using var collector = new RunningCollector(new InventoryCollector<UserAccount>(new PasswdSource(logger, _passwd), TimeSpan.FromMilliseconds(200)));
        collector.Sink.WaitFor<UserAccount>(u => u.Username == "good", Within, "the good entry");
        var odd = collector.Sink.WaitFor<UserAccount>(u => u.Uid == 4321, Within, "the entry with control characters");
        Assert.Equal(("ctl\u001b[2J", (int?)null, (string?)null, (string?)null), (odd.Username, odd.Gid, odd.HomeDir, odd.Shell));
        Assert.Equal(2, collector.Sink.All<UserAccount>().Count);
        Assert.Equal([$"Warning: {_passwd}: 8 line(s) that are not entries skipped"], logger.Lines);

        File.AppendAllText(_passwd, "later:x:77:77::/home/later:/bin/bash\n");
        collector.Sink.WaitFor<UserAccount>(u => u.Username == "later", Within, "an entry added after the malformed ones");
        Assert.Single(logger.Lines);
    }

    [Fact]
    public void A_file_past_the_bound_is_read_up_to_it_and_the_cut_line_is_not_taken_for_an_entry()
    {
        var line = "user:x:1000:1000::/home/user:/bin/sh\n";
        File.WriteAllText(_passwd, string.Concat(Enumerable.Repeat(line, 100)));
        var file = new AccountFile(_passwd, fields: 7, maxBytes: (line.Length * 10) + 5);

        var entries = file.Read();

        Assert.Equal(10, entries.Count);
        Assert.True(file.Truncated);
        Assert.Equal(1, file.Skipped);
        Assert.All(entries, fields => Assert.Equal("/bin/sh", fields[6]));
    }

    [Fact]
    public void A_missing_file_is_no_entries_not_a_failure()
    {
        var file = new AccountFile(_passwd + "-none", fields: 7);

        Assert.Empty(file.Read());
        Assert.Equal((0, false), (file.Skipped, file.Truncated));
    }
}
