using System.Globalization;
using Luarm.Agent.Host;
using Luarm.Agent.Processes;
using Luarm.Agent.Tests.Support;
using Luarm.Store.Facts;
using Microsoft.Extensions.Logging.Abstractions;

namespace Luarm.Agent.Tests;

/// <summary>Who logged in behind a process, kept across su/runuser, on the rows of the classic collectors (needs root).</summary>
public sealed class AccountabilityTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    [Fact]
    public void A_process_run_as_nobody_after_runuser_carries_the_login_uid_name_and_session_of_who_logged_in()
    {
        using var collector = new RunningCollector(new ProcessCollector(new UserNames(), NullLogger.Instance));
        var daemon = int.Parse(Shell.Run("id", "-u", "daemon"), CultureInfo.InvariantCulture);
        var marker = "luarm-login-" + Guid.NewGuid().ToString("N");

        using var login = new AuditSession(daemon, $"runuser -u nobody -- /bin/sh -c 'sleep 0.5; : {marker}'");

        var fact = collector.Sink.WaitFor<ProcessFact>(f => f.Arguments.Contains(marker) && f.Username == "nobody", Within, "the process run as nobody");
        Assert.Equal(daemon, fact.LoginUid);
        Assert.Equal("daemon", fact.LoginName);
        Assert.Equal(login.SessionId, fact.SessionId);
        Assert.True(login.WaitForExit(Within), "the login shell did not exit");
    }

    [Fact]
    public void A_process_whose_login_uid_is_unset_has_no_login_uid_name_or_session()
    {
        using var collector = new RunningCollector(new ProcessCollector(new UserNames(), NullLogger.Instance));
        var marker = "luarm-nologin-" + Guid.NewGuid().ToString("N");

        using var unset = new AuditSession(uint.MaxValue, $"/bin/sh -c 'sleep 0.5; : {marker}'");

        Assert.Equal(uint.MaxValue, unset.SessionId);
        var fact = collector.Sink.WaitFor<ProcessFact>(f => f.Pid == unset.Pid && f.Arguments.Contains(marker), Within, "the process without a login");
        Assert.Null(fact.LoginUid);
        Assert.Null(fact.LoginName);
        Assert.Null(fact.SessionId);
        Assert.True(unset.WaitForExit(Within), "the shell did not exit");
    }
}
