using System.Diagnostics;
using Luarm.Agent.Host;
using Luarm.Agent.Processes;
using Luarm.Agent.Tests.Support;
using Luarm.Store.Ends;
using Luarm.Store.Facts;
using Microsoft.Extensions.Logging.Abstractions;

namespace Luarm.Agent.Tests;

/// <summary>
/// A process that forks without exec (a daemonizing bot) on the real kernel (needs root),
/// with either source of execs: the process connector's own /proc reads, or audit's records.
/// </summary>
[Collection(AuditKernel.Name)]
public sealed class ForkRowTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("classic")]
    [InlineData("audit")]
    public void A_child_that_forks_without_exec_is_recorded_with_the_inherited_image_and_the_name_it_takes(string source)
    {
        var execs = source == "audit" ? new ExecImages() : null;
        using var audit = execs is null ? null : StartedCollectors.Audit(execs: execs);
        using var processes = new RunningCollector(new ProcessCollector(new UserNames(), NullLogger.Instance, execs));
        var execsSink = audit?.Sink ?? processes.Sink;
        var work = Directory.CreateTempSubdirectory("luarm-agent-fork-");
        try
        {
            var script = Path.Combine(work.FullName, "daemon.pl");
            var childPid = Path.Combine(work.FullName, "child.pid");
            // The daemonizing pattern: fork, the parent exits, the child starts a session and renames itself at once.
            File.WriteAllText(script, $$"""
                use POSIX qw(setsid);
                my $pid = fork(); exit 0 if $pid;
                setsid(); $0 = "crond";
                open(my $f, ">", "{{childPid}}"); print $f $$; close($f);
                sleep 2;
                """);
            using var parent = Process.Start(new ProcessStartInfo("perl") { ArgumentList = { script }, WorkingDirectory = work.FullName })!;
            Assert.True(parent.WaitForExit(Within), "the parent did not exit");
            Assert.True(SpinWait.SpinUntil(() => File.Exists(childPid) && new FileInfo(childPid).Length > 0, Within), "the child wrote no pid");
            var child = int.Parse(File.ReadAllText(childPid), System.Globalization.CultureInfo.InvariantCulture);

            var exec = execsSink.WaitFor<ProcessFact>(f => f.Pid == parent.Id && f.Origin == "exec", Within, "the script's exec");
            var fork = processes.Sink.WaitFor<ProcessFact>(f => f.Pid == child && f.Origin == "fork", Within, "the child's fork");
            Assert.Equal((parent.Id, exec.Command, script, work.FullName, exec.Exe), (fork.Ppid, fork.Command, fork.Arguments, fork.Cwd, fork.Exe));
            Assert.Equal("root", fork.Username);
            var rename = processes.Sink.WaitFor<ProcessFact>(f => f.Pid == child && f.Origin == "rename", Within, "the child's new name");
            Assert.Equal(("crond", exec.Exe, script), (rename.Command, rename.Exe, rename.Arguments));
            Assert.True(rename.Created >= fork.Created);
            // Both rows end when the child exits.
            processes.Sink.WaitFor<ProcessEnd>(e => e.Pid == child && e.Created == fork.Created, Within, "the end of the fork's row");
            processes.Sink.WaitFor<ProcessEnd>(e => e.Pid == child && e.Created == rename.Created, Within, "the end of the rename's row");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("classic")]
    [InlineData("audit")]
    public void A_process_that_renames_itself_without_forking_gets_a_rename_row_and_both_rows_end_at_its_exit(string source)
    {
        var execs = source == "audit" ? new ExecImages() : null;
        using var audit = execs is null ? null : StartedCollectors.Audit(execs: execs);
        using var processes = new RunningCollector(new ProcessCollector(new UserNames(), NullLogger.Instance, execs));
        var execsSink = audit?.Sink ?? processes.Sink;
        var marker = "luarm-rename-" + Guid.NewGuid().ToString("N");

        // Perl's $0 = "..." is prctl(PR_SET_NAME): the kernel's comm event. It sleeps first so the classic source can read its /proc.
        using var bot = Process.Start("perl", ["-e", "select(undef, undef, undef, 0.3); $0 = 'crond'; sleep 1", marker])!;
        Assert.True(bot.WaitForExit(Within), "the script did not exit");

        var exec = execsSink.WaitFor<ProcessFact>(f => f.Pid == bot.Id && f.Origin == "exec" && f.Arguments.Contains(marker), Within, "the script's exec");
        var rename = processes.Sink.WaitFor<ProcessFact>(f => f.Pid == bot.Id && f.Origin == "rename", Within, "the new name");
        Assert.Equal(("crond", exec.Arguments, exec.Exe, exec.Cwd), (rename.Command, rename.Arguments, rename.Exe, rename.Cwd));
        Assert.True(rename.Created >= exec.Created);
        processes.Sink.WaitFor<ProcessEnd>(e => e.Pid == bot.Id && e.Created == rename.Created, Within, "the end of the rename's row");
        // The exec row ends too: by its start (classic), or as the pid's newest open row once the rename's is closed (audit).
        processes.Sink.WaitFor<ProcessEnd>(e => e.Pid == bot.Id && (e.Created == exec.Created || (execs is not null && e.Created is null)), Within, "the end of the exec's row");
    }
}
