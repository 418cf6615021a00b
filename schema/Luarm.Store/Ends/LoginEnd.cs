using Luarm.Store.Vocabulary;

namespace Luarm.Store.Ends;

/// <summary>
/// The end of a login session, appended by an agent and applied to
/// <c>logins.destroyed</c> of the newest open session of that leader pid on
/// that terminal on the host.
/// </summary>
[FactTable("loginend", "loginendid")]
public sealed class LoginEnd
{
    public long LoginEndId { get; set; }
    public int HostId { get; set; }
    public int Pid { get; set; }
    public string Tty { get; set; } = "";

    /// <summary>The start of the session when known; it tells reused pids apart.</summary>
    public DateTime? Created { get; set; }
    public DateTime Destroyed { get; set; }
}
