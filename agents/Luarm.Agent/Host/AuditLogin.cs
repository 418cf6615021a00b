using System.Globalization;
using Luarm.Agent.Interop;

namespace Luarm.Agent.Host;

/// <summary>
/// Who logged in behind a process: the kernel's audit login uid and session id
/// (/proc/PID/loginuid, /proc/PID/sessionid), kept across sudo and su. Unset
/// (4294967295, a daemon started at boot) or unreadable is null.
/// </summary>
public readonly record struct AuditLogin(int? LoginUid, long? SessionId)
{
    private const uint Unset = uint.MaxValue;

    public static AuditLogin Of(int pid)
    {
        var root = "/proc/" + pid.ToString(CultureInfo.InvariantCulture);
        int? loginUid = Parse(ProcFile.ReadText(root + "/loginuid")) is { } uid && uid <= int.MaxValue ? (int)uid : null;
        return new AuditLogin(loginUid, Parse(ProcFile.ReadText(root + "/sessionid")));
    }

    /// <summary>The login uid's name on the host; null when the login uid is.</summary>
    public string? NameIn(UserNames users) => LoginUid is { } uid ? users.Of(uid) : null;

    private static uint? Parse(string? text) =>
        uint.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value != Unset ? value : null;
}
