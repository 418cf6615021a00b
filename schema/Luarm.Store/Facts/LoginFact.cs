using Luarm.Store.Vocabulary;

namespace Luarm.Store.Facts;

/// <summary>A login session (utmp's USER_PROCESS, as `who` lists it): one row of <c>logins</c>.</summary>
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

    /// <summary>The session leader: the login process utmp names.</summary>
    public int Pid { get; set; }

    public DateTime Created { get; set; }
    public DateTime? Destroyed { get; set; }
}
