using Luarm.Engine.Alerts;

namespace Luarm.Engine.Sinks.Syslog;

/// <summary>The PRI of a syslog message: facility times 8 plus the level the alert's severity maps to.</summary>
internal static class SyslogPriority
{
    public static IReadOnlyDictionary<string, int> Facilities { get; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        ["kern"] = 0,
        ["user"] = 1,
        ["mail"] = 2,
        ["daemon"] = 3,
        ["auth"] = 4,
        ["syslog"] = 5,
        ["lpr"] = 6,
        ["news"] = 7,
        ["uucp"] = 8,
        ["cron"] = 9,
        ["authpriv"] = 10,
        ["ftp"] = 11,
        ["local0"] = 16,
        ["local1"] = 17,
        ["local2"] = 18,
        ["local3"] = 19,
        ["local4"] = 20,
        ["local5"] = 21,
        ["local6"] = 22,
        ["local7"] = 23,
    };

    /// <summary>info 6 (informational), low 5 (notice), medium 4 (warning), high 3 (error), critical and unknown 2 (critical).</summary>
    public static int LevelOf(string severity) => Math.Max(2, 6 - SeverityRank.Of(severity));

    public static int Of(int facility, string severity) => (facility * 8) + LevelOf(severity);
}
