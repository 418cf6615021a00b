using Luarm.Agent.Host;
using Luarm.Store.Ends;
using Luarm.Store.Facts;

namespace Luarm.Agent.Audit;

/// <summary>
/// Login sessions from PAM's own audit records: each session a PAM program opens
/// (sshd, login, su, sudo, cron) is a USER_START record when it opens and a
/// USER_END from the same process when it closes. A session that opened is a
/// <see cref="LoginFact"/> (the account, its terminal, the remote host, the
/// program, and the audit login and session of the process that opened it: the
/// person behind a su); its close is a <see cref="LoginEnd"/>. A refused open
/// (res=failed) is no session. Text is cut to the columns' widths: the remote
/// host is what a client's DNS says.
/// </summary>
internal sealed class PamSessions(UserNames users)
{
    /// <summary>Sessions whose start is remembered, to name it in the end; an older one's end still closes the newest open row of its pid and terminal.</summary>
    public const int RememberedSessions = 4096;

    private readonly BoundedTable<(int Pid, string Tty), DateTime> _open = new(RememberedSessions);

    public static bool Reads(ushort type) => type is AuditRecordType.UserStart or AuditRecordType.UserEnd;

    public IEnumerable<object> Of(AuditRecord record)
    {
        var message = record.Message;
        if (!Reads(record.Type) || Field(message, "res") != "success"
            || AuditValues.Number(record["pid"]) is not (> 0 and <= int.MaxValue and var pid))
        {
            return [];
        }
        // libaudit writes the account and exe quoted or hex, the terminal and host as they are.
        var tty = Cut(Known(Field(message, "terminal")), 64) ?? "";
        var session = ((int)pid, tty);
        if (record.Type == AuditRecordType.UserEnd)
        {
            DateTime? created = _open.TryGetValue(session, out var start) && start <= record.Time ? start : null;
            return [new LoginEnd { Pid = (int)pid, Tty = tty, Created = created, Destroyed = record.Time }];
        }
        _open.Set(session, record.Time);
        var username = Cut(AuditValues.Text(Field(message, "acct")), 255) ?? "";
        var loginUid = AuditValues.Login(record["auid"]) is { } auid and <= int.MaxValue ? (int?)auid : null;
        return [new LoginFact
        {
            Username = username,
            Uid = users.UidOf(username),
            Tty = tty,
            RemoteHost = Cut(Known(Field(message, "hostname")) ?? Known(Field(message, "addr")), 256),
            SessionId = AuditValues.Login(record["ses"]),
            Pid = (int)pid,
            Program = Cut(AuditValues.Text(Field(message, "exe")), 4096),
            LoginUid = loginUid,
            LoginName = loginUid is { } login ? users.Of(login) : null,
            Created = record.Time,
        }];
    }

    private static string? Field(IReadOnlyDictionary<string, string> message, string key) =>
        message.TryGetValue(key, out var value) ? value : null;

    /// <summary>PAM writes "?" for an item it does not have (no terminal, no remote host).</summary>
    private static string? Known(string? value) => value is null or "" or "?" ? null : value;

    private static string? Cut(string? value, int width) => value is { } text && text.Length > width ? text[..width] : value;
}
