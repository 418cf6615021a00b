using Luarm.Agent.Audit;
using Luarm.Agent.Host;
using Luarm.Agent.Tests.Support;
using Luarm.Store.Ends;
using Luarm.Store.Facts;

namespace Luarm.Agent.Tests;

/// <summary>
/// PAM's session records as libaudit writes them (the kernel's prefix, then msg='…'),
/// and hostile ones: an account with a single quote, hex, a refused open, a torn record.
/// </summary>
public sealed class PamSessionParsingTests
{
    private const string Prefix = "audit(1796409206.967:61677): pid=7580 uid=0 auid=1000 ses=12 subj=unconfined ";

    [Fact]
    public void An_ssh_session_open_is_a_login_of_the_account_from_the_remote_host_with_the_login_behind_it()
    {
        var fact = Assert.IsType<LoginFact>(Assert.Single(Sessions().Of(Start("acct=\"daemon\" exe=\"/usr/sbin/sshd\" hostname=10.1.2.3 addr=10.1.2.3 terminal=ssh"))));

        Assert.Equal(("daemon", (int?)Shell.UidOf("daemon"), "ssh", "10.1.2.3"), (fact.Username, fact.Uid, fact.Tty, fact.RemoteHost));
        Assert.Equal((7580, "/usr/sbin/sshd", (int?)1000, 12L), (fact.Pid, fact.Program, fact.LoginUid, fact.SessionId));
        Assert.Equal(new DateTime(2026, 12, 4, 18, 33, 26, 967, DateTimeKind.Utc), fact.Created);
    }

    [Fact]
    public void A_local_su_has_no_terminal_or_remote_host_and_its_close_ends_it_by_its_start()
    {
        var sessions = Sessions();
        var fact = Assert.IsType<LoginFact>(Assert.Single(sessions.Of(Start("acct=\"nobody\" exe=\"/usr/bin/su\" hostname=? addr=? terminal=?"))));
        var end = Assert.IsType<LoginEnd>(Assert.Single(sessions.Of(Record(AuditRecordType.UserEnd,
            "audit(1796409207.979:61683): pid=7580 uid=0 auid=1000 ses=12 msg='op=PAM:session_close acct=\"nobody\" exe=\"/usr/bin/su\" hostname=? addr=? terminal=? res=success'"))));

        Assert.Equal(("", (string?)null), (fact.Tty, fact.RemoteHost));
        Assert.Equal((7580, "", (DateTime?)fact.Created), (end.Pid, end.Tty, end.Created));
        Assert.Equal(fact.Created.AddSeconds(1).AddMilliseconds(12), end.Destroyed);
    }

    [Fact]
    public void A_close_of_a_session_opened_before_the_agent_names_no_start()
    {
        var end = Assert.IsType<LoginEnd>(Assert.Single(Sessions().Of(Record(AuditRecordType.UserEnd,
            Prefix + "msg='op=PAM:session_close acct=\"root\" exe=\"/usr/sbin/cron\" hostname=? addr=? terminal=cron res=success'"))));
        Assert.Equal((7580, "cron", (DateTime?)null), (end.Pid, end.Tty, end.Created));
    }

    [Fact]
    public void An_account_in_hex_or_holding_a_single_quote_is_decoded_whole_and_an_unset_login_is_null()
    {
        var hex = Assert.IsType<LoginFact>(Assert.Single(Sessions().Of(Start("acct=6576696C20757365720A exe=\"/usr/bin/su\" hostname=? addr=? terminal=pts/3"))));
        var quote = Assert.IsType<LoginFact>(Assert.Single(Sessions().Of(Record(AuditRecordType.UserStart,
            "audit(1796409206.967:61677): pid=7580 uid=0 auid=4294967295 ses=4294967295 msg='op=PAM:session_open acct=\"o'brien\" exe=\"/usr/bin/su\" hostname=? addr=? terminal=pts/3 res=success'"))));

        Assert.Equal(("evil user\n", "pts/3", (int?)null), (hex.Username, hex.Tty, hex.Uid));
        Assert.Equal(("o'brien", (int?)null, (long?)null, (string?)null), (quote.Username, quote.LoginUid, quote.SessionId, quote.LoginName));
    }

    [Fact]
    public void A_refused_open_a_record_without_msg_and_torn_records_are_no_session()
    {
        var sessions = Sessions();
        Assert.Empty(sessions.Of(Start("acct=\"nobody\" exe=\"/usr/bin/su\" hostname=? addr=? terminal=?", result: "failed")));
        Assert.Empty(sessions.Of(Record(AuditRecordType.UserStart, Prefix.TrimEnd())));
        Assert.Empty(sessions.Of(Record(AuditRecordType.UserStart, Prefix + "msg='op=PAM:session_open acct=\"nobody\" res=success")));
        Assert.Empty(sessions.Of(Record(AuditRecordType.UserStart, Prefix.Replace("pid=7580", "pid=-4") + "msg='op=PAM:session_open res=success'")));
        Assert.Empty(sessions.Of(Record(AuditRecordType.Syscall, Prefix + "msg='op=PAM:session_open res=success'")));
    }

    [Fact]
    public void Values_wider_than_their_columns_are_cut()
    {
        var host = new string('h', 300);
        var fact = Assert.IsType<LoginFact>(Assert.Single(Sessions().Of(Start($"acct=\"{new string('u', 300)}\" exe=\"/usr/sbin/sshd\" hostname={host} addr=? terminal={new string('t', 100)}"))));
        Assert.Equal((255, 64, 256), (fact.Username.Length, fact.Tty.Length, fact.RemoteHost!.Length));
    }

    private static PamSessions Sessions() => new(new UserNames());

    private static AuditRecord Start(string fields, string result = "success") =>
        Record(AuditRecordType.UserStart, Prefix + $"msg='op=PAM:session_open grantors=pam_unix {fields} res={result}'");

    private static AuditRecord Record(ushort type, string text) => AuditRecord.Parse(type, text)!;
}
