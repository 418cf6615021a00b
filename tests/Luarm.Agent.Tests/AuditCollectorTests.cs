using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using Luarm.Agent.Audit;
using Luarm.Agent.Files;
using Luarm.Agent.Host;
using Luarm.Agent.Tests.Support;
using Luarm.Store.Access;
using Luarm.Store.Facts;
using Luarm.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Luarm.Agent.Tests;

/// <summary>The audit collector on the real kernel audit netlink, without auditd (needs root).</summary>
[Collection(AuditKernel.Name)]
[SupportedOSPlatform("linux")]
public sealed class AuditCollectorTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    [Fact]
    public void A_process_living_a_millisecond_is_recorded_with_its_full_argv_cwd_exe_and_user()
    {
        var cwd = Directory.CreateTempSubdirectory("luarm-audit-cwd-");
        var marker = "luarm-audit-" + Guid.NewGuid().ToString("N");
        try
        {
            using var collector = Start();
            using var child = Process.Start(new ProcessStartInfo("/bin/true")
            {
                ArgumentList = { marker, "two words", "quote\"d" },
                WorkingDirectory = cwd.FullName,
            })!;
            child.WaitForExit();

            var exec = collector.Sink.WaitFor<ProcessFact>(f => f.Pid == child.Id && f.Arguments.Contains(marker), Within, "the child's exec");
            Assert.Equal("/bin/true", exec.Command);
            Assert.Equal($"{marker} two words quote\"d", exec.Arguments);
            Assert.Equal(cwd.FullName, exec.Cwd);
            Assert.Equal(Shell.Run("readlink", "-f", "/bin/true"), exec.Exe);
            Assert.Equal((0, "root", "exec"), (exec.Uid, exec.Username, exec.Origin));
            Assert.Equal(Environment.ProcessId, exec.Ppid);
            Assert.InRange(exec.Created, DateTime.UtcNow.AddSeconds(-5), DateTime.UtcNow);
        }
        finally
        {
            cwd.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_short_tcp_connection_on_loopback_is_recorded_with_pid_and_destination()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var collector = Start();

        using var child = Process.Start("python3", ["-c", $"import socket,time; s=socket.create_connection(('127.0.0.1',{port})); time.sleep(0.02); s.close()"])!;
        using var accepted = listener.AcceptTcpClient();
        child.WaitForExit();

        var connect = collector.Sink.WaitFor<EndpointFact>(f => f.Pid == child.Id && f.DestPort == port, Within, "the connect");
        Assert.Equal(("tcp", "127.0.0.1", 4), (connect.Transport, connect.DestIp, connect.IpVersion));
        Assert.Equal(("python3", 0, "root"), (connect.Application, connect.Uid, connect.Username));
    }

    [Fact]
    public void An_unconnected_udp_sendto_is_recorded_with_its_real_destination()
    {
        using var receiver = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)receiver.Client.LocalEndPoint!).Port;
        using var collector = Start();

        using var child = Process.Start("python3", ["-c", $"import socket; socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b'x', ('127.0.0.1', {port}))"])!;
        child.WaitForExit();

        var send = collector.Sink.WaitFor<EndpointFact>(f => f.Pid == child.Id && f.DestPort == port, Within, "the sendto");
        Assert.Equal(("udp", "127.0.0.1"), (send.Transport, send.DestIp));
    }

    [Fact]
    public void A_shell_writing_a_file_under_a_watched_path_is_open_write_and_a_cat_reading_it_is_open()
    {
        var watched = Directory.CreateTempSubdirectory("luarm-audit-write-");
        try
        {
            var job = Path.Combine(watched.FullName, "job");
            using var collector = Start(watched.FullName);

            Shell.Run("/bin/sh", "-c", $"echo '* * * * * root id' > {job}; cat {job}");

            var written = collector.Sink.WaitFor<FileFact>(f => f.Filename == job && f.Command == "sh", Within, "the shell's write");
            var read = collector.Sink.WaitFor<FileFact>(f => f.Filename == job && f.Command == "cat", Within, "cat's read");
            Assert.Equal(("open_write", "allowed"), (written.AccessType, written.Outcome));
            Assert.Equal(("open", "allowed"), (read.AccessType, read.Outcome));
        }
        finally
        {
            watched.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_read_of_a_root_only_file_by_nobody_is_recorded_as_denied_with_the_command_cat()
    {
        var watched = Directory.CreateTempSubdirectory("luarm-audit-watch-");
        try
        {
            var secret = Path.Combine(watched.FullName, "secret");
            File.WriteAllText(secret, "x");
            File.SetUnixFileMode(secret, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.SetUnixFileMode(watched.FullName, (UnixFileMode)0755);
            using var collector = Start(watched.FullName);

            using var child = Process.Start("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "cat", secret])!;
            child.WaitForExit();

            var denied = collector.Sink.WaitFor<FileFact>(f => f.Filename == secret && f.Outcome == "denied", Within, "the denied open");
            Assert.Equal(("cat", 65534, "open"), (denied.Command, denied.Uid, denied.AccessType));
        }
        finally
        {
            watched.Delete(recursive: true);
        }
    }

    [Fact]
    public void After_su_to_nobody_rows_carry_the_login_uid_and_session_of_who_logged_in()
    {
        var marker = "luarm-audit-login-" + Guid.NewGuid().ToString("N");
        using var collector = Start();

        // A fresh login: the child sets its loginuid (as pam_loginuid does), then becomes nobody.
        using var child = Process.Start("sh", ["-c", $"echo 4242 > /proc/self/loginuid && exec runuser -u nobody -- /bin/true {marker}"])!;
        child.WaitForExit();

        var exec = collector.Sink.WaitFor<ProcessFact>(f => f.Arguments.Contains(marker) && f.Command == "/bin/true", Within, "nobody's exec");
        Assert.Equal((65534, 4242), (exec.Uid, exec.LoginUid));
        Assert.Equal(new UserNames().Of(4242), exec.LoginName);
        Assert.NotNull(exec.SessionId);
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task An_exec_replacing_an_image_ends_that_images_row_at_the_exec(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var marker = "luarm-audit-reexec-" + Guid.NewGuid().ToString("N");
        using var collector = Start();

        using var child = Process.Start("sh", ["-c", "exec /bin/sleep 0.2", marker])!;
        child.WaitForExit();

        collector.Sink.WaitFor<ProcessFact>(f => f.Pid == child.Id && f.Command == "/bin/sleep", Within, "the second image");
        await StoredRows.AppendAsync(test.Store, collector.Sink);
        var rows = await StoredRows.QueryAsync(test.Store, "SELECT arguments, created, destroyed FROM psinfo WHERE pid = @p ORDER BY created", child.Id);
        Assert.Equal(2, rows.Count);
        Assert.EndsWith(marker, rows[0][0]);
        Assert.Equal("0.2", rows[1][0]);
        Assert.NotNull(rows[0][2]);
        Assert.Null(rows[1][2]);
        var endedAtTheExec = await StoredRows.QueryAsync(test.Store,
            "SELECT first.psentity FROM psinfo first JOIN psinfo later ON later.pid = first.pid AND later.created = first.destroyed WHERE first.pid = @p", child.Id);
        Assert.Single(endedAtTheExec);
    }

    [Fact]
    public void Rules_of_another_agent_that_still_runs_are_left_to_it()
    {
        using var other = Process.Start("sleep", ["30"])!;
        string[] rule = ["exit,always", "-F", "arch=b64", "-S", "chmod", "-F", $"pid!={other.Id}", "-k", "luarm"];
        Shell.Run("auditctl", ["-a", .. rule]);
        try
        {
            using (Start())
            {
            }

            Assert.Contains($"pid!={other.Id}", Shell.Run("auditctl", "-l"));
        }
        finally
        {
            Shell.Run("auditctl", ["-d", .. rule]);
            other.Kill();
            other.WaitForExit();
        }
    }

    [Fact]
    public void The_agents_rules_are_added_at_start_and_removed_exactly_at_stop()
    {
        using (Start())
        {
            Assert.Contains("key=luarm", Shell.Run("auditctl", "-l"));
        }

        Assert.DoesNotContain("key=luarm", Shell.Run("auditctl", "-l"));
        Assert.Contains("pid 0", Shell.Run("auditctl", "-s"));
    }

    [Fact]
    public void Rules_a_killed_agent_left_behind_are_removed_at_start_and_other_rules_are_kept()
    {
        Shell.Run("auditctl", "-a", "exit,always", "-F", "arch=b64", "-S", "chmod", "-k", "luarm");
        Shell.Run("auditctl", "-a", "exit,always", "-F", "arch=b64", "-S", "chown", "-k", "someone-else");
        try
        {
            using (Start())
            {
                Assert.DoesNotContain("-S chmod", Shell.Run("auditctl", "-l"));
            }

            var left = Shell.Run("auditctl", "-l");
            Assert.DoesNotContain("key=luarm", left);
            Assert.Contains("key=someone-else", left);
        }
        finally
        {
            Shell.Run("auditctl", "-d", "exit,always", "-F", "arch=b64", "-S", "chown", "-k", "someone-else");
        }
    }

    [Fact]
    public async Task Next_to_a_running_auditd_it_reads_the_multicast_group_and_leaves_auditds_registration_alone()
    {
        var wasEnabled = Shell.Run("auditctl", "-s").Contains("enabled 1");
        using var auditd = Process.Start("auditd", ["-n"])!;
        try
        {
            await Eventually.True(() => Shell.Run("auditctl", "-s").Contains($"pid {auditd.Id}"), "auditd registered");
            var marker = "luarm-audit-auditd-" + Guid.NewGuid().ToString("N");
            using (var collector = Start())
            {
                using var child = Process.Start("/bin/true", [marker])!;
                child.WaitForExit();

                var exec = collector.Sink.WaitFor<ProcessFact>(f => f.Pid == child.Id, Within, "the exec, from the multicast group");
                Assert.Equal(marker, exec.Arguments);
            }

            var status = Shell.Run("auditctl", "-s");
            Assert.Contains($"pid {auditd.Id}", status);
            Assert.DoesNotContain("key=luarm", Shell.Run("auditctl", "-l"));
        }
        finally
        {
            auditd.Kill();
            auditd.WaitForExit();
            // auditd turns auditing on and leaves it on: the machine is left as the test found it.
            Shell.Run("auditctl", "-e", wasEnabled ? "1" : "0");
        }
    }

    private static RunningCollector Start(params string[] watched) => StartedCollectors.Audit(null, null, watched);
}
