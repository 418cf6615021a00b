using System.Diagnostics;
using Luarm.Agent.Host;
using Luarm.Agent.Processes;
using Luarm.Agent.Tests.Support;
using Luarm.Store.Ends;
using Luarm.Store.Facts;
using Microsoft.Extensions.Logging.Abstractions;

namespace Luarm.Agent.Tests;

/// <summary>The process collector on the real netlink process connector (needs root).</summary>
public sealed class ProcessCollectorTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    [Fact]
    public void A_child_process_is_recorded_at_exec_with_its_details_and_ended_at_exit()
    {
        using var collector = new RunningCollector(new ProcessCollector(new UserNames(), NullLogger.Instance));
        var cwd = Directory.CreateTempSubdirectory("luarm-agent-cwd-");
        var marker = "luarm-test-" + Guid.NewGuid().ToString("N");
        try
        {
            using var child = Process.Start(new ProcessStartInfo("/bin/sh")
            {
                ArgumentList = { "-c", $"sleep 1; : {marker}" },
                WorkingDirectory = cwd.FullName,
            })!;

            var exec = collector.Sink.WaitFor<ProcessFact>(f => f.Pid == child.Id && f.Arguments.Contains(marker), Within, "the child's exec");
            Assert.Equal(Environment.ProcessId, exec.Ppid);
            Assert.Equal("/bin/sh", exec.Command);
            Assert.Equal($"-c sleep 1; : {marker}", exec.Arguments);
            Assert.Equal(cwd.FullName, exec.Cwd);
            Assert.Equal(Shell.Run("readlink", "-f", "/bin/sh"), exec.Exe);
            Assert.Equal(0, exec.Uid);
            Assert.Equal("root", exec.Username);
            Assert.InRange(exec.Created, DateTime.UtcNow.AddSeconds(-5), DateTime.UtcNow);

            Assert.True(child.WaitForExit(Within), "the child did not exit");
            var end = collector.Sink.WaitFor<ProcessEnd>(e => e.Pid == child.Id, Within, "the child's exit");
            Assert.Equal(exec.Created, end.Created);
            Assert.InRange(end.Destroyed - exec.Created, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
        }
        finally
        {
            cwd.Delete(recursive: true);
        }
    }

    [Fact]
    public void Every_exec_of_short_lived_processes_is_recorded_even_when_it_is_gone_before_proc_is_read()
    {
        using var collector = new RunningCollector(new ProcessCollector(new UserNames(), NullLogger.Instance));

        var pids = Enumerable.Range(0, 20).Select(_ =>
        {
            using var child = Process.Start("/bin/true")!;
            child.WaitForExit();
            return child.Id;
        }).ToArray();

        foreach (var pid in pids)
        {
            var exec = collector.Sink.WaitFor<ProcessFact>(f => f.Pid == pid, Within, $"the exec of /bin/true as {pid}");
            Assert.Equal(Environment.ProcessId, exec.Ppid);
            // Read in time it says what ran; too late it says so with an empty command and no exe.
            Assert.True(exec.Command == "/bin/true" || (exec.Command == "" && exec.Arguments == "" && exec.Exe is null), $"'{exec.Command}' '{exec.Exe}'");
            collector.Sink.WaitFor<ProcessEnd>(e => e.Pid == pid && e.Created == exec.Created, Within, $"the exit of {pid}");
        }
    }

    [Fact]
    public void Processes_running_before_the_start_are_in_the_snapshot()
    {
        using var collector = new RunningCollector(new ProcessCollector(new UserNames(), NullLogger.Instance));

        var self = collector.Sink.WaitFor<ProcessFact>(f => f.Pid == Environment.ProcessId, Within, "the test process itself");
        Assert.Equal(Process.GetCurrentProcess().StartTime.ToUniversalTime(), self.Created, TimeSpan.FromSeconds(1));
        Assert.Equal(Environment.ProcessPath, self.Exe);
    }

    [Fact]
    public void A_shell_that_execs_at_once_never_has_a_row_with_the_later_images_argv()
    {
        using var collector = new RunningCollector(new ProcessCollector(new UserNames(), NullLogger.Instance));
        var marker = "luarm-storm-" + Guid.NewGuid().ToString("N");

        var pids = Enumerable.Range(0, 300).Select(i =>
        {
            using var shell = Process.Start("/bin/sh", ["-c", $"exec /bin/true {marker} {i}"])!;
            shell.WaitForExit();
            return shell.Id;
        }).ToArray();

        foreach (var pid in pids)
        {
            collector.Sink.WaitFor<ProcessEnd>(e => e.Pid == pid, Within, $"the exit of {pid}");
        }
        var rows = collector.Sink.All<ProcessFact>().Where(f => pids.Contains(f.Pid) && f.Origin == "exec").ToList();
        // Each pid's first exec is the shell's: its row carries the shell's argv, or none when the race was seen, never true's.
        var wrong = pids.Select(pid => rows.Where(f => f.Pid == pid).MinBy(f => f.Created))
            .Count(first => first is not null && first.Arguments.StartsWith(marker, StringComparison.Ordinal));
        Assert.Equal(0, wrong);
        Assert.All(rows, f => Assert.True(f.Command is "/bin/sh" or "/bin/true" or "", f.Command));
    }
}
