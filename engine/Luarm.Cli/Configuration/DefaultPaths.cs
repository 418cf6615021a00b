namespace Luarm.Cli.Configuration;

/// <summary>Where luarm looks for its config and keeps its embedded store when told nothing.</summary>
public static class DefaultPaths
{
    /// <summary>luarm.yaml candidates, first found wins: $LUARM_CONFIG, ./luarm.yaml, /etc/luarm/luarm.yaml.</summary>
    public static IEnumerable<string> ConfigCandidates()
    {
        if (Environment.GetEnvironmentVariable("LUARM_CONFIG") is { Length: > 0 } fromEnvironment)
        {
            yield return fromEnvironment;
        }
        yield return Path.Combine(Environment.CurrentDirectory, "luarm.yaml");
        yield return "/etc/luarm/luarm.yaml";
    }

    /// <summary>
    /// Where the rule pack is looked for when luarm.yaml names no folder, in order: ./rules (a checkout),
    /// /etc/luarm/rules (the site's copy), and the pack installed beside the luarm binary.
    /// </summary>
    public static IReadOnlyList<string> RuleCandidates { get; } =
        [Path.Combine(Environment.CurrentDirectory, "rules"), "/etc/luarm/rules", Path.Combine(AppContext.BaseDirectory, "rules")];

    /// <summary>Rule folders when luarm.yaml names none: $LUARM_RULES, else the first of <see cref="RuleCandidates"/> that exists; null when none does.</summary>
    public static List<string>? Rules()
    {
        if (Environment.GetEnvironmentVariable("LUARM_RULES") is { Length: > 0 } fromEnvironment)
        {
            return [.. fromEnvironment.Split(':', StringSplitOptions.RemoveEmptyEntries)];
        }
        return RuleCandidates.FirstOrDefault(Directory.Exists) is { } found ? [found] : null;
    }

    /// <summary>
    /// Where recorded sample datasets are looked for, in order: ./samples (a checkout) and the
    /// samples installed beside the luarm binary (a publish copies them there, as it does the rules).
    /// </summary>
    public static IReadOnlyList<string> SampleCandidates { get; } =
        [Path.Combine(Environment.CurrentDirectory, "samples"), Path.Combine(AppContext.BaseDirectory, "samples")];

    /// <summary>/var/lib/luarm/luarm.db for root, else $XDG_DATA_HOME (or ~/.local/share)/luarm/luarm.db.</summary>
    public static string SqliteStore
    {
        get
        {
            if (Environment.UserName == "root")
            {
                return "/var/lib/luarm/luarm.db";
            }
            var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
            if (string.IsNullOrEmpty(dataHome))
            {
                dataHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
            }
            return Path.Combine(dataHome, "luarm", "luarm.db");
        }
    }
}
