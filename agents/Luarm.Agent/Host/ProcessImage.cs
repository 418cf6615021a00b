namespace Luarm.Agent.Host;

/// <summary>What /proc/PID says about a running process at one moment.</summary>
public sealed record ProcessImage(
    int Pid,
    int Ppid,
    int? Uid,
    string Command,
    string Arguments,
    string? Exe,
    string? Cwd,
    long? StartTicks,
    AuditLogin Login = default);
