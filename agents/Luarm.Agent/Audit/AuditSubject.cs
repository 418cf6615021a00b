using Luarm.Agent.Host;

namespace Luarm.Agent.Audit;

/// <summary>
/// Who made the call, from the SYSCALL record: the effective uid, as ps shows,
/// and the login behind it; the call's outcome and its first four arguments
/// (a0..a3, hex), which for socket calls name the descriptor, type and flags.
/// </summary>
internal sealed record AuditSubject(int Pid, int Ppid, int? Uid, string Username, string Comm, string? Exe, bool Succeeded, long? Exit, int? LoginUid, string? LoginName, long? SessionId, ulong?[] Arguments)
{
    public static AuditSubject Of(AuditRecord syscall, UserNames users)
    {
        var uid = AuditValues.Number(syscall["euid"]) is { } euid and >= 0 and <= int.MaxValue ? (int?)euid : null;
        var loginUid = AuditValues.Login(syscall["auid"]) is { } auid and <= int.MaxValue ? (int?)auid : null;
        return new AuditSubject(
            Pid: (int)Math.Clamp(AuditValues.Number(syscall["pid"]) ?? 0, 0, int.MaxValue),
            Ppid: (int)Math.Clamp(AuditValues.Number(syscall["ppid"]) ?? 0, 0, int.MaxValue),
            Uid: uid,
            Username: uid is { } known ? users.Of(known) : "",
            Comm: AuditValues.Text(syscall["comm"]) ?? "",
            Exe: AuditValues.Text(syscall["exe"]),
            Succeeded: syscall["success"] == "yes",
            Exit: AuditValues.Number(syscall["exit"]),
            LoginUid: loginUid,
            LoginName: loginUid is { } login ? users.Of(login) : null,
            SessionId: AuditValues.Login(syscall["ses"]),
            Arguments: [AuditValues.HexNumber(syscall["a0"]), AuditValues.HexNumber(syscall["a1"]), AuditValues.HexNumber(syscall["a2"]), AuditValues.HexNumber(syscall["a3"])]);
    }

    /// <summary>Argument <paramref name="index"/> as a descriptor (the kernel takes the low 32 bits as a signed int), null when absent or negative.</summary>
    public int? Descriptor(int index) => Arguments[index] is { } value && (int)(uint)value is var fd and >= 0 ? fd : null;

    /// <summary>The call's return value as a descriptor (socket, accept), null on failure.</summary>
    public int? ReturnedDescriptor => Succeeded && Exit is >= 0 and <= int.MaxValue ? (int)Exit : null;
}
