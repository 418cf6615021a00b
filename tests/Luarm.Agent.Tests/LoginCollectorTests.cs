using System.Globalization;
using System.Text;
using Luarm.Agent.Host;
using Luarm.Agent.Logins;
using Luarm.Agent.Tests.Support;
using Luarm.Store.Ends;
using Luarm.Store.Facts;
using Microsoft.Extensions.Logging.Abstractions;

namespace Luarm.Agent.Tests;

/// <summary>Login sessions from a utmp file written through glibc's pututxline, as login tools write it.</summary>
public sealed class LoginCollectorTests : IDisposable
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);
    private readonly string _utmp = Path.Combine(Path.GetTempPath(), "luarm-utmp-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void A_session_there_at_start_and_one_that_logs_in_later_are_recorded_with_their_audit_session_and_ended_at_logout()
    {
        var daemon = Shell.UidOf("daemon");
        using var early = new AuditSession(daemon, "sleep 30");
        Write("login", early.Pid, "pts/71", "l71", "daemon", "");
        using var collector = new RunningCollector(new LoginCollector(new UserNames(), NullLogger.Instance, _utmp));

        var atStart = collector.Sink.WaitFor<LoginFact>(l => l.Tty == "pts/71", Within, "the session there at start");
        Assert.Equal(("daemon", daemon, early.Pid, early.SessionId, (string?)null), (atStart.Username, atStart.Uid, atStart.Pid, atStart.SessionId, atStart.RemoteHost));
        Assert.InRange(atStart.Created, DateTime.UtcNow.AddSeconds(-15), DateTime.UtcNow);

        using var later = new AuditSession(daemon, "sleep 30");
        Write("login", later.Pid, "pts/72", "l72", "nobody", "10.9.8.7");
        var loggedIn = collector.Sink.WaitFor<LoginFact>(l => l.Tty == "pts/72", Within, "the later login");
        Assert.Equal(("nobody", (int?)Shell.UidOf("nobody"), later.Pid, later.SessionId, "10.9.8.7"), (loggedIn.Username, loggedIn.Uid, loggedIn.Pid, loggedIn.SessionId, loggedIn.RemoteHost));

        Write("logout", early.Pid, "pts/71", "l71", "", "");
        var end = collector.Sink.WaitFor<LoginEnd>(e => e.Tty == "pts/71", Within, "the logout");
        Assert.Equal((early.Pid, atStart.Created), (end.Pid, end.Created));
        Assert.InRange(end.Destroyed, atStart.Created, DateTime.UtcNow);
        Assert.DoesNotContain(collector.Sink.All<LoginEnd>(), e => e.Tty == "pts/72");
        Assert.Single(collector.Sink.All<LoginFact>(), l => l.Tty == "pts/71");
    }

    [Fact]
    public void Beside_audit_only_the_sessions_there_at_start_are_read_from_utmp_and_their_logouts_still_end_them()
    {
        using var early = new AuditSession(Shell.UidOf("daemon"), "sleep 30");
        Write("login", early.Pid, "pts/75", "l75", "daemon", "");
        using var collector = new RunningCollector(new LoginCollector(new UserNames(), NullLogger.Instance, _utmp, laterLoginsFromAudit: true));
        var atStart = collector.Sink.WaitFor<LoginFact>(l => l.Tty == "pts/75", Within, "the session there at start");

        Write("login", 999_997, "pts/76", "l76", "nobody", "");
        Write("logout", early.Pid, "pts/75", "l75", "", "");

        var end = collector.Sink.WaitFor<LoginEnd>(e => e.Tty == "pts/75", Within, "the logout");
        Assert.Equal((early.Pid, atStart.Created), (end.Pid, end.Created));
        Assert.DoesNotContain(collector.Sink.All<LoginFact>(), l => l.Tty == "pts/76");
    }

    [Fact]
    public void Control_characters_bytes_that_are_not_utf8_and_a_torn_record_are_recorded_without_failing()
    {
        using var collector = new RunningCollector(new LoginCollector(new UserNames(), NullLogger.Instance, _utmp));
        var user = "ev\x1b[2Jil\n"u8.ToArray().Concat(new byte[] { 0xff, 0xc3, 0x28 }).ToArray();
        var host = new byte[] { 0x80, 0x01, 0x7f }.Concat(Encoding.UTF8.GetBytes(new string('h', 250))).ToArray();

        Write("login", 999_999, "pts/73", "l73", user, host);
        File.AppendAllText(_utmp, "a torn record");

        var login = collector.Sink.WaitFor<LoginFact>(l => l.Tty == "pts/73", Within, "the hostile login");
        Assert.StartsWith("ev\x1b[2Jil\n\uFFFD", login.Username, StringComparison.Ordinal);
        Assert.Null(login.Uid);
        Assert.Null(login.SessionId);
        Assert.Equal(253, login.RemoteHost!.Length);
        Assert.Equal(new string('h', 250), login.RemoteHost[3..]);
    }

    [Fact]
    public void A_utmp_that_appears_later_is_read_after_one_warning()
    {
        var logger = new ListLogger();
        using var collector = new RunningCollector(new LoginCollector(new UserNames(), logger, _utmp));
        Thread.Sleep(1200); // a few polls without the file

        Write("login", 999_998, "pts/74", "l74", "daemon", "");

        collector.Sink.WaitFor<LoginFact>(l => l.Tty == "pts/74", Within, "the login in the new utmp");
        Assert.Equal([$"Warning: cannot read {_utmp}: login sessions are not recorded until it can be read"], logger.Lines);
    }

    public void Dispose() => File.Delete(_utmp);

    private void Write(string kind, int pid, string line, string id, string user, string host) =>
        Write(kind, pid, line, id, Encoding.UTF8.GetBytes(user), Encoding.UTF8.GetBytes(host));

    private void Write(string kind, int pid, string line, string id, byte[] user, byte[] host) =>
        Shell.Run("python3", Path.Combine(AppContext.BaseDirectory, "Support", "utmp_write.py"), _utmp, kind,
            pid.ToString(CultureInfo.InvariantCulture), line, id, Convert.ToHexString(user), Convert.ToHexString(host));
}
