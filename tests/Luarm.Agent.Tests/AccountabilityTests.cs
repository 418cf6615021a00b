using System.Globalization;
using Luarm.Agent.Endpoints;
using Luarm.Agent.Files;
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
        var daemon = Shell.UidOf("daemon");
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

    [Fact]
    public void A_socket_of_a_logged_in_process_carries_its_login_on_the_netinfo_row()
    {
        using var collector = new RunningCollector(new EndpointCollector(
            new EndpointOptions { PollInterval = TimeSpan.FromMilliseconds(100) }, new UserNames(), NullLogger.Instance));
        var daemon = Shell.UidOf("daemon");

        using var login = new AuditSession(daemon,
            "python3 -c 'import socket, time; s = socket.socket(); s.bind((\"127.0.0.1\", 0)); s.listen(); print(s.getsockname()[1], flush=True); time.sleep(30)'");
        var port = int.Parse(login.ReadLine()!, CultureInfo.InvariantCulture);

        var listening = collector.Sink.WaitFor<EndpointFact>(e => e.SourcePort == port && e.Pid == login.Pid, Within, "the listening socket");
        Assert.Equal((daemon, "daemon", login.SessionId), (listening.LoginUid, listening.LoginName, listening.SessionId));
    }

    [Fact]
    public void A_file_written_by_a_logged_in_process_carries_its_login_on_the_fileinfo_row()
    {
        var watched = Directory.CreateTempSubdirectory("luarm-agent-login-files-");
        try
        {
            using var collector = new RunningCollector(new FileCollector(new FileWatchOptions { WatchPaths = [watched.FullName] }, new UserNames(), NullLogger.Instance));
            var daemon = Shell.UidOf("daemon");
            var file = Path.Combine(watched.FullName, "report.txt");

            using var login = new AuditSession(daemon, $"/bin/sh -c 'echo x > {file}; sleep 0.5'");

            var written = collector.Sink.WaitFor<FileFact>(f => f.Filename == file && f.AccessType == "close_write", Within, "the write");
            Assert.Equal((login.Pid, daemon, "daemon", login.SessionId), (written.Pid, written.LoginUid, written.LoginName, written.SessionId));
            Assert.True(login.WaitForExit(Within), "the shell did not exit");
        }
        finally
        {
            watched.Delete(recursive: true);
        }
    }
}
