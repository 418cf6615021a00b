using Luarm.Agent.Audit;
using Luarm.Agent.Files;
using Luarm.Agent.Host;
using Luarm.Store.Facts;

namespace Luarm.Agent.Tests;

/// <summary>
/// Audit records as the kernel writes them, assembled into events and facts;
/// and records no kernel writes (garbled, truncated, hostile), which must never throw.
/// </summary>
public sealed class AuditRecordParsingTests
{
    private const string Syscall = "audit(1796246265.451:5997): arch=c000003e syscall=59 success=yes exit=0 a0=55d a1=55e a2=55f a3=0 items=2 ppid=10 pid=11 auid=1000 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts0 ses=3 comm=\"true\" exe=\"/usr/bin/true\" key=\"luarm\"";

    [Fact]
    public void An_exec_event_yields_argv_with_quoted_hex_and_split_arguments_and_the_login_behind_it()
    {
        var assembler = new AuditAssembler();
        var now = DateTime.UtcNow;
        Feed(assembler, now, (1300, Syscall));
        Feed(assembler, now, (1309, "audit(1796246265.451:5997): argc=5 a0=\"/bin/true\" a1=\"mark1\" a2=74776F20776F726473 a3=71756F74652264 a4_len=6"));
        Feed(assembler, now, (1309, "audit(1796246265.451:5997): a4[0]=616263 a4[1]=\"def\""));
        Feed(assembler, now, (1307, "audit(1796246265.451:5997): cwd=2F746D702F61206220"));
        var events = Feed(assembler, now, (1320, "audit(1796246265.451:5997): "));

        var fact = Assert.IsType<ProcessFact>(Assert.Single(Facts().Of(Assert.Single(events))));
        Assert.Equal(("/bin/true", "mark1 two words quote\"d abcdef"), (fact.Command, fact.Arguments));
        Assert.Equal(("/tmp/a b ", "/usr/bin/true"), (fact.Cwd, fact.Exe));
        Assert.Equal((11, 10, 0, "root"), (fact.Pid, fact.Ppid, fact.Uid, fact.Username));
        Assert.Equal((1000, 3L), (fact.LoginUid, fact.SessionId));
        Assert.Equal(new DateTime(2026, 12, 2, 21, 17, 45, 451, DateTimeKind.Utc), fact.Created);
    }

    [Fact]
    public void An_unset_login_uid_and_session_are_null()
    {
        var record = AuditRecord.Parse(1300, Syscall.Replace("auid=1000", "auid=4294967295").Replace("ses=3", "ses=4294967295"))!;
        var auditEvent = new AuditEvent(record.Serial, record.Time);
        auditEvent.Add(record);

        var fact = Assert.IsType<ProcessFact>(Assert.Single(Facts().Of(auditEvent)));
        Assert.Equal(((int?)null, (string?)null, (long?)null), (fact.LoginUid, fact.LoginName, fact.SessionId));
    }

    [Fact]
    public void A_sendto_with_an_ipv6_mapped_address_is_an_ipv4_udp_endpoint_and_a_unix_address_is_none()
    {
        var send = Syscall.Replace("syscall=59", "syscall=44").Replace("comm=\"true\"", "comm=\"dig\"");
        var udp = Event((1300, send), (1306, "audit(1796246265.451:5997): saddr=0A0000350000000000000000000000000000FFFF7F00000100000000"));
        var unix = Event((1300, send), (1306, "audit(1796246265.451:5997): saddr=01002F746D702F73"));

        var endpoint = Assert.IsType<EndpointFact>(Assert.Single(Facts().Of(udp)));
        Assert.Equal(("udp", "127.0.0.1", 53, 4, "dig"), (endpoint.Transport, endpoint.DestIp, endpoint.DestPort, endpoint.IpVersion, endpoint.Application));
        Assert.Empty(Facts().Of(unix));
    }

    [Theory]
    [InlineData("257", "a2=80000", "open")] // openat(O_RDONLY | O_CLOEXEC)
    [InlineData("257", "a2=241", "open_write")] // openat(O_WRONLY | O_CREAT | O_TRUNC), as a shell's > does
    [InlineData("257", "a2=2", "open_write")] // openat(O_RDWR)
    [InlineData("2", "a1=441", "open_write")] // open(O_WRONLY | O_CREAT | O_APPEND), as >> does
    [InlineData("2", "a1=0", "open")]
    [InlineData("437", "a2=7ffd0000", "open")] // openat2: its flags are behind the pointer
    public void An_open_asking_to_write_is_open_write_and_a_read_is_open(string syscall, string flags, string accessType)
    {
        var arguments = flags.StartsWith("a1=", StringComparison.Ordinal) ? flags + " a2=0" : "a1=0 " + flags;
        var call = Syscall.Replace("syscall=59", "syscall=" + syscall).Replace("a1=55e a2=55f", arguments).Replace("comm=\"true\"", "comm=\"sh\"");
        var opened = Event((1300, call), (1302, "audit(1796246265.451:5997): item=0 name=\"/etc/cron.d/job\" nametype=CREATE"));

        var file = Assert.IsType<FileFact>(Assert.Single(Facts().Of(opened)));
        Assert.Equal(("/etc/cron.d/job", accessType, "allowed"), (file.Filename, file.AccessType, file.Outcome));
    }

    [Fact]
    public void A_denied_open_under_a_watched_path_is_denied_and_one_elsewhere_is_not_recorded()
    {
        var open = Syscall.Replace("syscall=59", "syscall=257").Replace("a2=55f", "a2=80000").Replace("success=yes exit=0", "success=no exit=-13").Replace("comm=\"true\"", "comm=\"cat\"");
        var watched = Event((1300, open), (1307, "audit(1796246265.451:5997): cwd=\"/etc\""), (1302, "audit(1796246265.451:5997): item=0 name=\"shadow\" nametype=NORMAL"));
        var elsewhere = Event((1300, open), (1302, "audit(1796246265.451:5997): item=0 name=\"/var/x\" nametype=NORMAL"));

        var file = Assert.IsType<FileFact>(Assert.Single(Facts().Of(watched)));
        Assert.Equal(("/etc/shadow", "denied", "cat", "open"), (file.Filename, file.Outcome, file.Command, file.AccessType));
        Assert.Empty(Facts().Of(elsewhere));
    }

    [Fact]
    public void An_event_without_its_end_is_completed_after_the_wait_and_pending_events_stay_bounded()
    {
        var assembler = new AuditAssembler();
        var start = DateTime.UtcNow;
        for (var serial = 0; serial < AuditAssembler.MaxPending + 10; serial++)
        {
            assembler.Add(AuditRecord.Parse(1300, $"audit(1.000:{serial}): pid=1")!, start);
        }

        Assert.Equal(AuditAssembler.MaxPending, assembler.Pending);
        Assert.Empty(assembler.Expire(start, drained: start));
        // A syscall's event waits longer for its EOE than a single record does.
        Assert.Empty(assembler.Expire(start + AuditAssembler.MaxWait, drained: start));
        Assert.Equal(AuditAssembler.MaxPending, assembler.Expire(start + AuditAssembler.MaxWaitWithSyscall, drained: start).Count);
        Assert.Equal(0, assembler.Pending);
    }

    [Fact]
    public void A_single_record_event_without_a_syscall_is_completed_after_the_short_wait()
    {
        var assembler = new AuditAssembler();
        var start = DateTime.UtcNow;
        assembler.Add(AuditRecord.Parse(1305, "audit(1.000:7): auid=0 ses=1 op=add_rule key=\"x\" list=4 res=1")!, start);

        Assert.Empty(assembler.Expire(start + AuditAssembler.MaxWait - TimeSpan.FromMilliseconds(1), drained: start));
        Assert.Single(assembler.Expire(start + AuditAssembler.MaxWait, drained: start));
    }

    [Fact]
    public void An_exec_whose_later_records_the_reader_reads_after_a_stall_keeps_them()
    {
        var assembler = new AuditAssembler();
        var start = DateTime.UtcNow;
        Feed(assembler, start, (1300, Syscall));
        // The reader stalls (its queue is full) and reads on without ever finding the socket empty.
        var late = start + (3 * AuditAssembler.MaxWait);
        Assert.Empty(assembler.Expire(late, drained: start - TimeSpan.FromMilliseconds(1)));
        Feed(assembler, late, (1309, "audit(1796246265.451:5997): argc=2 a0=\"/bin/true\" a1=\"mark\""));
        Feed(assembler, late, (1307, "audit(1796246265.451:5997): cwd=\"/tmp\""));
        var events = Feed(assembler, late, (1320, "audit(1796246265.451:5997): "));

        var fact = Assert.IsType<ProcessFact>(Assert.Single(Facts().Of(Assert.Single(events))));
        Assert.Equal(("/bin/true", "mark", "/tmp"), (fact.Command, fact.Arguments, fact.Cwd));
    }

    [Fact]
    public void An_event_is_overdue_once_it_has_waited_its_time_and_not_before_nor_after_it_completes()
    {
        var assembler = new AuditAssembler();
        var start = DateTime.UtcNow;
        Feed(assembler, start, (1300, Syscall));

        Assert.False(assembler.Overdue(start + AuditAssembler.MaxWaitWithSyscall - TimeSpan.FromMilliseconds(1)));
        Assert.True(assembler.Overdue(start + AuditAssembler.MaxWaitWithSyscall));
        Feed(assembler, start, (1320, "audit(1796246265.451:5997): "));
        Assert.False(assembler.Overdue(start + (3 * AuditAssembler.MaxWaitWithSyscall)));
    }

    [Fact]
    public void Seeded_mutations_and_garbage_never_throw()
    {
        var random = new Random(9);
        string[] valid =
        [
            Syscall,
            "audit(1796246265.451:5997): argc=3 a0=\"/bin/true\" a1_len=4 a1[0]=6162 a1[1]=\"cd\" a2=ZZ",
            "audit(1796246265.451:5997): saddr=0A000035000000000000000000000000FFFF7F0000010000000000",
            "audit(1796246265.451:5997): item=0 name=2F6574632F736861646F77 nametype=NORMAL",
            "audit(1796246265.451:5997): cwd=\"/",
        ];
        ushort[] types = [1300, 1309, 1306, 1302, 1307, 1320, 1327];
        var assembler = new AuditAssembler();
        var facts = Facts();
        for (var round = 0; round < 5000; round++)
        {
            var text = valid[random.Next(valid.Length)].ToCharArray();
            for (var flips = random.Next(1, 8); flips > 0; flips--)
            {
                text[random.Next(text.Length)] = "=\" ():.-0a9fF\0x"[random.Next(15)];
            }
            var cut = new string(text, 0, random.Next(text.Length + 1));
            if (AuditRecord.Parse(types[random.Next(types.Length)], cut) is { } record)
            {
                foreach (var completed in assembler.Add(record, DateTime.UtcNow))
                {
                    _ = facts.Of(completed).ToArray();
                }
            }
        }
        foreach (var completed in assembler.Expire(DateTime.MaxValue, DateTime.MaxValue))
        {
            _ = facts.Of(completed).ToArray();
        }
    }

    private static AuditFacts Facts() => new(new PathFilter(["/etc"], []), new UserNames(), new HashSet<string> { "process", "endpoint", "file" });

    private static IReadOnlyList<AuditEvent> Feed(AuditAssembler assembler, DateTime now, (ushort Type, string Text) record) =>
        assembler.Add(AuditRecord.Parse(record.Type, record.Text)!, now);

    private static AuditEvent Event(params (ushort Type, string Text)[] records)
    {
        var parsed = records.Select(r => AuditRecord.Parse(r.Type, r.Text)!).ToArray();
        var auditEvent = new AuditEvent(parsed[0].Serial, parsed[0].Time);
        foreach (var record in parsed)
        {
            auditEvent.Add(record);
        }
        return auditEvent;
    }
}
