using Luarm.Agent.Files;
using Luarm.Agent.Host;
using Luarm.Store.Facts;

namespace Luarm.Agent.Audit;

/// <summary>
/// Turns a complete audit event into the facts it shows: a <see cref="ProcessFact"/>
/// for a successful exec, an <see cref="EndpointFact"/> for a connect, accept or
/// send with an IPv4/IPv6 address, a <see cref="FileFact"/> for an open under a
/// watched path, allowed or denied (EACCES, EPERM). Other events yield nothing.
/// </summary>
internal sealed class AuditFacts(PathFilter watched, UserNames users, IReadOnlySet<string> kinds)
{
    private const long EACCES = -13;
    private const long EPERM = -1;
    private const long EINPROGRESS = -115;

    public IEnumerable<object> Of(AuditEvent auditEvent)
    {
        var syscall = auditEvent.Syscall;
        if (syscall is null || AuditValues.HexNumber(syscall["arch"]) is not { } arch || AuditValues.Number(syscall["syscall"]) is not { } number)
        {
            return [];
        }
        var subject = Subject.Of(syscall, users);
        return AuditSyscalls.Name((uint)arch, number) switch
        {
            "execve" or "execveat" when kinds.Contains("process") => Exec(auditEvent, subject),
            "connect" or "sendto" or "sendmsg" or "accept" or "accept4" when kinds.Contains("endpoint") => Endpoint(auditEvent, subject, AuditSyscalls.Name((uint)arch, number)!),
            "open" or "openat" or "openat2" when kinds.Contains("file") => Open(auditEvent, subject),
            _ => [],
        };
    }

    private static IEnumerable<object> Exec(AuditEvent auditEvent, Subject subject)
    {
        if (!subject.Succeeded)
        {
            yield break;
        }
        var argv = ExecveArguments.Of(auditEvent.All(AuditRecordType.Execve));
        yield return new ProcessFact
        {
            Pid = subject.Pid,
            Ppid = subject.Ppid,
            Uid = subject.Uid,
            Username = subject.Username,
            Command = argv.Length > 0 ? argv[0] : "",
            Arguments = string.Join(' ', argv.Skip(1)),
            Exe = subject.Exe,
            Cwd = AuditValues.Text(auditEvent.First(AuditRecordType.Cwd)?["cwd"]),
            LoginUid = subject.LoginUid,
            LoginName = subject.LoginName,
            SessionId = subject.SessionId,
            Origin = "exec",
            Created = auditEvent.Time,
        };
    }

    /// <summary>
    /// The address in the record is the peer: the destination of a connect or
    /// send, the client of an accept. The transport follows from the call
    /// (connect and accept: tcp; sendto and sendmsg with an address: udp), which
    /// names a UDP socket's connect tcp: sock_diag's row of it says udp.
    /// </summary>
    private static IEnumerable<object> Endpoint(AuditEvent auditEvent, Subject subject, string call)
    {
        var connectInProgress = call == "connect" && subject.Exit == EINPROGRESS;
        if ((!subject.Succeeded && !connectInProgress) || SocketAddress.Parse(auditEvent.First(AuditRecordType.SocketAddress)?["saddr"]) is not { } peer)
        {
            yield break;
        }
        yield return new EndpointFact
        {
            Transport = call.StartsWith("send", StringComparison.Ordinal) ? "udp" : "tcp",
            SourceIp = "",
            DestIp = peer.Ip.ToString(),
            DestPort = peer.Port,
            IpVersion = peer.IpVersion,
            Pid = subject.Pid,
            Uid = subject.Uid,
            Username = subject.Username,
            Application = subject.Comm,
            LoginUid = subject.LoginUid,
            LoginName = subject.LoginName,
            SessionId = subject.SessionId,
            Created = auditEvent.Time,
        };
    }

    private IEnumerable<object> Open(AuditEvent auditEvent, Subject subject)
    {
        var outcome = subject.Succeeded ? "allowed" : subject.Exit is EACCES or EPERM ? "denied" : null;
        if (outcome is null)
        {
            yield break;
        }
        var cwd = AuditValues.Text(auditEvent.First(AuditRecordType.Cwd)?["cwd"]);
        foreach (var path in auditEvent.All(AuditRecordType.Path))
        {
            if (path["nametype"] is "PARENT" || AuditValues.Text(path["name"]) is not { } name)
            {
                continue;
            }
            var full = name.StartsWith('/') ? name : cwd is null ? null : Path.Join(cwd, name);
            if (full is null || !watched.Accepts(System.Text.Encoding.UTF8.GetBytes(full)))
            {
                continue;
            }
            yield return new FileFact
            {
                Filename = full,
                AccessType = "open",
                Outcome = outcome,
                Pid = subject.Pid,
                Ppid = subject.Ppid,
                Uid = subject.Uid,
                Username = subject.Username,
                Command = subject.Comm,
                LoginUid = subject.LoginUid,
                LoginName = subject.LoginName,
                SessionId = subject.SessionId,
                Created = auditEvent.Time,
            };
            yield break;
        }
    }

    /// <summary>Who made the call, from the SYSCALL record: the effective uid, as ps shows, and the login behind it.</summary>
    private sealed record Subject(int Pid, int Ppid, int? Uid, string Username, string Comm, string? Exe, bool Succeeded, long? Exit, int? LoginUid, string? LoginName, long? SessionId)
    {
        public static Subject Of(AuditRecord syscall, UserNames users)
        {
            var uid = AuditValues.Number(syscall["euid"]) is { } euid and >= 0 and <= int.MaxValue ? (int?)euid : null;
            var loginUid = AuditValues.Login(syscall["auid"]) is { } auid and <= int.MaxValue ? (int?)auid : null;
            return new Subject(
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
                SessionId: AuditValues.Login(syscall["ses"]));
        }
    }
}
