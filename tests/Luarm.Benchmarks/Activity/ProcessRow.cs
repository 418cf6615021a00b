using Luarm.Store.Facts;

namespace Luarm.Benchmarks.Activity;

/// <summary>A psinfo row as a host's agent reports a process start (the time is set by the timeline).</summary>
public static class ProcessRow
{
    private static readonly HashSet<string> SystemDaemons = ["sshd", "ntpd", "httpd", "mysqld", "smtpd", "dhclient", "sendmail"];

    /// <summary>Where a program lives: daemons in /usr/sbin, the rest in /usr/bin.</summary>
    public static string CommandOf(string program) => (SystemDaemons.Contains(program) ? "/usr/sbin/" : "/usr/bin/") + program;

    public static ProcessFact Of(FleetHost host, Account account, int pid, string command, string arguments, string cwd, string md5, Random random) => new()
    {
        HostId = host.Id,
        Md5Sum = md5,
        Username = account.Username,
        Uid = account.Uid,
        Pid = pid,
        Ppid = account.Uid == 0 ? 1 : random.Next(300, 32768),
        PCpu = random.Next(0, 1000) / 10m,
        PMem = random.Next(0, 200) / 10m,
        Command = command,
        Arguments = arguments,
        Cwd = cwd,
        Exe = command,
    };
}
