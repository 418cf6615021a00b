using Luarm.Store.Vocabulary;

namespace Luarm.Store.Facts;

/// <summary>
/// A login session: one row of <c>logins</c>, from utmp's USER_PROCESS (as `who` lists it)
/// or from PAM's audit records of a session opened and closed (sshd, login, su, sudo, cron).
/// </summary>
[FactTable("logins", "loginid", Kind = "login")]
public sealed class LoginFact : IFact
{
    long IFact.Id => LoginId;

    public long LoginId { get; set; }
    public int HostId { get; set; }
    public string Username { get; set; } = "";

    /// <summary>The uid of <see cref="Username"/> on the host; NULL when the host does not know the name.</summary>
    public int? Uid { get; set; }

    /// <summary>The terminal line (pts/0, tty1), as utmp's ut_line.</summary>
    public string Tty { get; set; } = "";

    /// <summary>Where the login came from (utmp's ut_host); NULL for a local login.</summary>
    public string? RemoteHost { get; set; }

    /// <summary>The audit session of the login process, as psinfo.sessionid; NULL when unknown.</summary>
    public long? SessionId { get; set; }

    /// <summary>The session leader: the login process utmp names, or the process that opened the PAM session.</summary>
    public int Pid { get; set; }

    /// <summary>The program that opened the PAM session (/usr/sbin/sshd, /usr/bin/su); NULL for a session read from utmp.</summary>
    public string? Program { get; set; }

    /// <summary>The audit login uid of the process that opened the session: the person behind a su or sudo; NULL when unset.</summary>
    public int? LoginUid { get; set; }

    /// <summary>The name of <see cref="LoginUid"/> on the host when the session was seen.</summary>
    public string? LoginName { get; set; }

    public DateTime Created { get; set; }
    public DateTime? Destroyed { get; set; }
}
