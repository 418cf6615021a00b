using Luarm.Agent.Files;
using Luarm.Agent.Host;
using Luarm.Agent.Processes;
using Luarm.Store.Ends;
using Luarm.Store.Facts;

namespace Luarm.Agent.Audit;

/// <summary>
/// Turns a complete audit event into the facts it shows: a <see cref="ProcessFact"/>
/// for a successful exec (and a <see cref="ProcessEnd"/> of the image it replaced),
/// the <see cref="EndpointFact"/>s of socket calls (<see cref="AuditEndpoints"/>),
/// a <see cref="FileFact"/> for an open under a watched path, allowed or denied
/// (EACCES, EPERM). Other events yield nothing.
/// </summary>
internal sealed class AuditFacts(PathFilter watched, UserNames users, IReadOnlySet<string> kinds, ExecImages? execs = null)
{
    private const long EACCES = -13;
    private const long EPERM = -1;

    /// <summary>O_WRONLY | O_RDWR | O_CREAT | O_TRUNC, the same on x86_64 and i386.</summary>
    private const ulong WriteIntent = 0x1 | 0x2 | 0x40 | 0x200;

    /// <summary>Pids whose last exec is remembered, to end that image's row when the pid execs again.</summary>
    public const int RememberedExecs = 65536;

    private readonly AuditEndpoints _endpoints = new();
    private readonly BoundedTable<int, DateTime> _execs = new(RememberedExecs);

    public IEnumerable<object> Of(AuditEvent auditEvent)
    {
        var syscall = auditEvent.Syscall;
        if (syscall is null || AuditValues.HexNumber(syscall["arch"]) is not { } arch || AuditValues.Number(syscall["syscall"]) is not { } number)
        {
            return [];
        }
        var subject = AuditSubject.Of(syscall, users);
        return AuditSyscalls.Name((uint)arch, number) switch
        {
            "execve" or "execveat" when kinds.Contains("process") => Exec(auditEvent, subject),
            "open" when kinds.Contains("file") => Open(auditEvent, subject, subject.Arguments[1]),
            "openat" when kinds.Contains("file") => Open(auditEvent, subject, subject.Arguments[2]),
            "openat2" when kinds.Contains("file") => Open(auditEvent, subject, flags: null),
            { } call when kinds.Contains("endpoint") => _endpoints.Of(call, auditEvent, subject),
            _ => [],
        };
    }

    /// <summary>
    /// The exec's row; a pid that exec'ed before (<c>sh -c 'exec …'</c>) also gets the end of its
    /// previous image's row, named by its start so a reused pid's other rows stay open.
    /// </summary>
    private IEnumerable<object> Exec(AuditEvent auditEvent, AuditSubject subject)
    {
        if (!subject.Succeeded)
        {
            yield break;
        }
        var created = auditEvent.Time;
        if (_execs.TryGetValue(subject.Pid, out var previous))
        {
            // Records have milliseconds and `sh -c 'exec …'` execs twice in one: the later row starts a microsecond
            // after, so the end names one row, and the pid's rows keep their order.
            if (created <= previous)
            {
                created = previous.AddMicroseconds(1);
            }
            yield return new ProcessEnd { Pid = subject.Pid, Created = previous, Destroyed = created };
        }
        _execs.Set(subject.Pid, created);
        var argv = ExecveArguments.Of(auditEvent.All(AuditRecordType.Execve));
        var image = new ProcessFact
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
            Created = created,
        };
        execs?.Exec(image);
        yield return image;
    }

    /// <summary>
    /// An open's row: <c>open_write</c> when its flags ask to write (O_WRONLY, O_RDWR, O_CREAT, O_TRUNC), as the
    /// rules' write_access_types expect; <c>open</c> otherwise, and for openat2, whose flags are behind a pointer.
    /// </summary>
    private IEnumerable<object> Open(AuditEvent auditEvent, AuditSubject subject, ulong? flags)
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
                AccessType = flags is { } asked && (asked & WriteIntent) != 0 ? "open_write" : "open",
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
}
