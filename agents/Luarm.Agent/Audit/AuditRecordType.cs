namespace Luarm.Agent.Audit;

/// <summary>The audit record types (linux/audit.h) an event is assembled from.</summary>
internal static class AuditRecordType
{
    /// <summary>A user-space program (PAM) opened a session: op=PAM:session_open.</summary>
    public const ushort UserStart = 1105;

    /// <summary>A user-space program (PAM) closed a session: op=PAM:session_close.</summary>
    public const ushort UserEnd = 1106;

    public const ushort Syscall = 1300;
    public const ushort Path = 1302;
    public const ushort SocketAddress = 1306;
    public const ushort Cwd = 1307;
    public const ushort Execve = 1309;
    public const ushort EndOfEvent = 1320;
    public const ushort ProcTitle = 1327;
}
