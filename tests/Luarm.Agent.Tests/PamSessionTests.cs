using System.Runtime.Versioning;
using Luarm.Agent.Audit;
using Luarm.Agent.Files;
using Luarm.Agent.Host;
using Luarm.Agent.Tests.Support;
using Luarm.Store.Ends;
using Luarm.Store.Facts;
using Microsoft.Extensions.Logging.Abstractions;

namespace Luarm.Agent.Tests;

/// <summary>
/// A real <c>su - nobody</c> from a login session (needs root): PAM's session open and
/// close reach the audit collector as a login of nobody, opened by su, with the
/// login behind it, and its end.
/// </summary>
[Collection(AuditKernel.Name)]
[SupportedOSPlatform("linux")]
public sealed class PamSessionTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    [Fact]
    public void Su_to_nobody_is_a_login_session_of_nobody_opened_by_su_with_the_person_behind_it_and_its_end()
    {
        using var collector = new RunningCollector(new AuditCollector(new FileWatchOptions { WatchPaths = [] }, new UserNames(), NullLogger.Instance, new HashSet<string> { "login" }));
        var daemon = Shell.UidOf("daemon");

        using var login = new AuditSession(daemon, "su - nobody -s /bin/sh -c 'sleep 0.3'");
        Assert.True(login.WaitForExit(Within), "su did not exit");

        var session = collector.Sink.WaitFor<LoginFact>(l => l.Pid == login.Pid, Within, "su's session");
        Assert.Equal(("nobody", (int?)Shell.UidOf("nobody"), "/usr/bin/su"), (session.Username, session.Uid, session.Program));
        Assert.Equal(((int?)daemon, "daemon", (long?)login.SessionId), (session.LoginUid, session.LoginName, session.SessionId));
        Assert.InRange(session.Created, DateTime.UtcNow.AddSeconds(-15), DateTime.UtcNow);
        var end = collector.Sink.WaitFor<LoginEnd>(e => e.Pid == login.Pid, Within, "the session's close");
        Assert.Equal((session.Tty, (DateTime?)session.Created), (end.Tty, end.Created));
        Assert.InRange(end.Destroyed, session.Created.AddMilliseconds(250), session.Created.AddSeconds(10));
    }
}
