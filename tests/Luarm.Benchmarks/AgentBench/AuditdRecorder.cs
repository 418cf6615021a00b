using System.Diagnostics;
using System.Globalization;

namespace Luarm.Benchmarks.AgentBench;

/// <summary>
/// auditd 3 in the foreground with the host's auditd.conf but a log file of its own, never rotated, and rules for
/// the same system calls the agent asks for (execve, execveat, connect, accept, accept4, bind, listen,
/// sendto, sendmsg; b64 and b32); counted in its log. Rules removed and auditd stopped at the end.
/// </summary>
public sealed class AuditdRecorder : IRecorder
{
    private const string Key = "luarmbench";

    private static readonly string[] Syscalls = ["execve", "execveat", "connect", "accept", "accept4", "bind", "listen", "sendto", "sendmsg"];

    /// <summary>The 32-bit table has no accept (only socketcall's and accept4).</summary>
    private static readonly string[] Syscalls32 = ["execve", "execveat", "connect", "accept4", "bind", "listen", "sendto", "sendmsg"];

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("luarm-auditd-");
    private Process? _auditd;
    private bool _rules;

    public string Name => "auditd";

    public int Pid => _auditd?.Id ?? throw new InvalidOperationException("not started");

    private string LogPath => Path.Combine(_folder.FullName, "audit.log");

    public async Task StartAsync()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("auditd runs on Linux");
        }
        // One log file, never rotated (the host's max_log_file of 8 MB is less than a storm writes), read whole.
        var config = File.ReadLines("/etc/audit/auditd.conf")
            .Where(l => !l.StartsWith("log_file", StringComparison.Ordinal) && !l.StartsWith("max_log_file_action", StringComparison.Ordinal))
            .Append($"log_file = {LogPath}").Append("max_log_file_action = IGNORE");
        var conf = Path.Combine(_folder.FullName, "auditd.conf");
        await File.WriteAllLinesAsync(conf, config);
        File.SetUnixFileMode(conf, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        _auditd = Process.Start(new ProcessStartInfo("/usr/sbin/auditd", ["-n", "-c", _folder.FullName]))!;
        var clock = Stopwatch.StartNew();
        while (AuditStatus.Read().ReaderPid != _auditd.Id)
        {
            if (_auditd.HasExited || clock.Elapsed > TimeSpan.FromSeconds(20))
            {
                throw new InvalidOperationException($"auditd did not become the audit reader (another process may hold it: auditctl -s); its log: {(File.Exists(LogPath) ? File.ReadAllText(LogPath) : "none")}");
            }
            await Task.Delay(100);
        }
        _rules = true;
        AuditStatus.Auditctl("-a", "always,exit", "-F", "arch=b64", "-S", string.Join(',', Syscalls), "-F", $"pid!={_auditd.Id}", "-k", Key);
        AuditStatus.Auditctl("-a", "always,exit", "-F", "arch=b32", "-S", string.Join(',', Syscalls32), "-F", $"pid!={_auditd.Id}", "-k", Key);
    }

    public Task<int> CountStormAsync(Storm storm) =>
        Task.FromResult(AuditLog.Read(LogPath).Count(e => storm.Index(Arguments(e)) is not null));

    public Task<StormCount> StormAsync(Storm storm)
    {
        var execs = AuditLog.Read(LogPath).Where(e => e.Field("SYSCALL", "syscall") == "59" && e.Field("SYSCALL", "success") == "yes"
            && (e.Field("SYSCALL", "ppid") == storm.ShellPid.ToString(CultureInfo.InvariantCulture) || storm.Index(Arguments(e)) is not null)).ToList();
        bool Full(AuditLogEvent e) => storm.IsFull(Arguments(e), e.Field("CWD", "cwd"), e.Field("SYSCALL", "exe"), e.Field("SYSCALL", "uid") == "0" ? "root" : e.Field("SYSCALL", "uid"));
        var incomplete = execs.FirstOrDefault(e => !Full(e));
        return Task.FromResult(new StormCount(
            execs.Select(e => e.Field("SYSCALL", "pid")).Distinct().Count(),
            execs.Where(Full).Select(e => storm.Index(Arguments(e))).Distinct().Count(),
            incomplete is null ? null : $"arguments '{Arguments(incomplete)}', cwd {incomplete.Field("CWD", "cwd") ?? "none"}, exe {incomplete.Field("SYSCALL", "exe")}"));
    }

    public Task<TrafficCount> TrafficAsync(Traffic traffic)
    {
        var sends = AuditLog.Read(LogPath)
            .Select(e => (Call: e.Field("SYSCALL", "syscall"), Pid: e.Field("SYSCALL", "pid"), Peer: Peer(e.Field("SOCKADDR", "saddr"))))
            .Where(s => s.Peer is { Ip: "127.0.0.1" }).ToList();
        var self = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        // x86_64 numbers: connect 42, sendto 44, sendmsg 46.
        int Count(string[] calls, int port, bool ownPid) => sends.Count(s => calls.Contains(s.Call) && s.Peer!.Value.Port == port && (!ownPid || s.Pid == self));
        return Task.FromResult(new TrafficCount(
            Count(["42"], traffic.TcpPort, true), Count(["44", "46"], traffic.UdpPort, true), Count(["42"], traffic.TcpPort, false), Count(["44", "46"], traffic.UdpPort, false)));
    }

    /// <summary>auditd reports trouble in its log as DAEMON_ records (its start and end aside).</summary>
    public IReadOnlyList<string> Warnings() =>
        [.. File.ReadLines(LogPath).Where(l => l.StartsWith("type=DAEMON_", StringComparison.Ordinal) && !l.StartsWith("type=DAEMON_START", StringComparison.Ordinal))];

    public async ValueTask DisposeAsync()
    {
        if (_rules)
        {
            AuditStatus.Auditctl("-D", "-k", Key);
        }
        await Terminate.GracefullyAsync(_auditd);
        _folder.Delete(recursive: true);
    }

    /// <summary>argv after argv[0], space-joined, as the agent's <c>arguments</c>.</summary>
    private static string? Arguments(AuditLogEvent e) =>
        e.Records.TryGetValue("EXECVE", out var execve) && execve.TryGetValue("argc", out var argc)
            ? string.Join(' ', Enumerable.Range(1, int.Parse(argc, CultureInfo.InvariantCulture) - 1).Select(i => execve.GetValueOrDefault($"a{i}")))
            : null;

    /// <summary>An IPv4 sockaddr_in in hex: family 0200, port big-endian, address.</summary>
    private static (string Ip, int Port)? Peer(string? saddr) =>
        saddr is { Length: >= 16 } && saddr.StartsWith("0200", StringComparison.Ordinal)
            ? (string.Join('.', Enumerable.Range(0, 4).Select(i => Convert.ToInt32(saddr.Substring(8 + (2 * i), 2), 16))), Convert.ToInt32(saddr.Substring(4, 4), 16))
            : null;
}
