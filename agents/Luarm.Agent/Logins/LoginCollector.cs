using Luarm.Agent.Host;
using Luarm.Agent.Pipeline;
using Luarm.Store.Ends;
using Luarm.Store.Facts;
using Microsoft.Extensions.Logging;

namespace Luarm.Agent.Logins;

/// <summary>
/// Login sessions from utmp: a <see cref="LoginFact"/> for every session there
/// at start and every one that appears later, a <see cref="LoginEnd"/> when it
/// leaves. utmp is polled, not watched: it is a few records, changes only at
/// logins, and is rewritten in place or replaced or created later, which a poll
/// sees whatever the tool did (an inotify watch on the file loses a replaced file).
/// When the audit collector records sessions from PAM (<paramref name="laterLoginsFromAudit"/>),
/// utmp gives only the sessions open at start, and their ends: each later login
/// would be a second row of a session audit already recorded.
/// </summary>
public sealed class LoginCollector(UserNames users, ILogger logger, string utmpPath = LoggedUsers.DefaultPath, bool laterLoginsFromAudit = false) : ICollector
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(500);
    private readonly Dictionary<LoginSession, LoginFact> _open = [];
    private bool _missingLogged;
    private bool _startRead;

    public string Name => "login";

    /// <summary>Nothing to acquire: a missing or unreadable utmp is said once by the first poll, and read once it appears.</summary>
    public void Open()
    {
    }

    public void Run(IFactSink sink, CancellationToken cancel)
    {
        while (!cancel.IsCancellationRequested)
        {
            Poll(sink);
            cancel.WaitHandle.WaitOne(PollEvery);
        }
    }

    public void Dispose()
    {
    }

    private void Poll(IFactSink sink)
    {
        var records = LoggedUsers.Records(utmpPath);
        if (records is null)
        {
            if (!_missingLogged)
            {
                logger.LogWarning("cannot read {Utmp}: login sessions are not recorded until it can be read", utmpPath);
                _missingLogged = true;
            }
            return;
        }
        _missingLogged = false;
        var now = DateTime.UtcNow;
        var present = records.Where(r => r.IsLogin).Select(r => (Session: LoginSession.Of(r), Record: r)).ToArray();
        var current = present.Select(p => p.Session).ToHashSet();
        foreach (var (session, fact) in _open.Where(open => !current.Contains(open.Key)).ToArray())
        {
            _open.Remove(session);
            sink.Add(new LoginEnd { Pid = fact.Pid, Tty = fact.Tty, Created = fact.Created, Destroyed = LogoutTime(records, fact, now) });
        }
        if (laterLoginsFromAudit && _startRead)
        {
            return;
        }
        _startRead = true;
        foreach (var (session, record) in present.Where(p => !_open.ContainsKey(p.Session)))
        {
            var fact = ToFact(record, now);
            _open[session] = fact;
            sink.Add(fact);
        }
    }

    /// <summary>When the logout record of that terminal says, if it is not before the login; else now.</summary>
    private static DateTime LogoutTime(IReadOnlyList<UtmpRecord> records, LoginFact login, DateTime now) =>
        records.Where(r => !r.IsLogin && r.Line == login.Tty && r.At >= login.Created && r.At <= now)
            .Select(r => r.At).Max() ?? now;

    private LoginFact ToFact(UtmpRecord record, DateTime now) => new()
    {
        Username = record.User,
        Uid = users.UidOf(record.User),
        Tty = record.Line,
        RemoteHost = record.Host.Length == 0 ? null : record.Host,
        SessionId = record.Pid > 0 ? AuditLogin.Of(record.Pid).SessionId : null,
        Pid = record.Pid,
        // utmp's time is what the login tool wrote; one from the future is not believed.
        Created = record.At is { } at && at <= now ? at : now,
    };

    /// <summary>What tells one session from another in utmp: a slot reused by the next login differs in pid or time.</summary>
    private readonly record struct LoginSession(int Pid, string Line, string User, DateTime? At)
    {
        public static LoginSession Of(UtmpRecord record) => new(record.Pid, record.Line, record.User, record.At);
    }
}
