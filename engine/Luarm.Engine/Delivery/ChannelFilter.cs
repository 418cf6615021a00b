using Luarm.Engine.Alerts;
using Luarm.Store.Alerts;

namespace Luarm.Engine.Delivery;

/// <summary>
/// Which alerts a channel takes: at least <see cref="MinSeverity"/> and, when
/// <see cref="Tags"/> is not empty, carrying one of them. A tag also matches its
/// sub-tags (<c>attack.t1059</c> takes <c>attack.t1059.006</c>).
/// </summary>
public sealed record ChannelFilter(AlertSeverity MinSeverity, IReadOnlyList<string> Tags)
{
    public static ChannelFilter Everything { get; } = new(AlertSeverity.Info, []);

    public bool Accepts(string severity, IEnumerable<string> alertTags) =>
        SeverityRank.Of(severity) >= (int)MinSeverity
        && (Tags.Count == 0 || alertTags.Any(tag => Tags.Any(wanted => Matches(wanted, tag))));

    private static bool Matches(string wanted, string tag) =>
        tag.Equals(wanted, StringComparison.OrdinalIgnoreCase)
        || (tag.StartsWith(wanted, StringComparison.OrdinalIgnoreCase) && tag[wanted.Length] == '.');
}
