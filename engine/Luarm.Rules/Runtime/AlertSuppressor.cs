using Luarm.Rules.Matching;

namespace Luarm.Rules.Runtime;

/// <summary>
/// Turns matches into alerts in event-time order. Under a rule's <c>suppress</c>,
/// a match with the same host and <c>by</c> values within <c>for</c> of an alert's
/// first match adds a hit to that alert instead of raising a new one.
/// </summary>
public sealed class AlertSuppressor
{
    private readonly Dictionary<(string Rule, int Host, string Key), OpenWindow> _open = [];

    /// <summary>The alerts raised or given more hits by these matches.</summary>
    public IReadOnlyList<RuleAlert> Apply(IEnumerable<RuleMatch> matches)
    {
        var touched = new List<RuleAlert>();
        var ordered = matches
            .OrderBy(m => m.LastSeen)
            .ThenBy(m => m.Rule.Definition.Id, StringComparer.Ordinal)
            .ThenBy(m => string.Join(',', m.Evidence), StringComparer.Ordinal)
            .ToArray();
        foreach (var match in ordered)
        {
            var alert = Fold(match) ?? Open(match);
            if (!touched.Contains(alert))
            {
                touched.Add(alert);
            }
        }
        if (ordered.Length > 0)
        {
            Forget(ordered[^1].LastSeen);
        }
        return touched;
    }

    private RuleAlert? Fold(RuleMatch match)
    {
        if (!_open.TryGetValue(KeyOf(match), out var window) || match.LastSeen > window.Until)
        {
            return null;
        }
        window.Alert.Suppress(match);
        return window.Alert;
    }

    private RuleAlert Open(RuleMatch match)
    {
        var alert = new RuleAlert(match);
        if (match.Rule.Definition.Suppress is { } suppress)
        {
            alert.SuppressedUntil = EventTime.Shift(match.LastSeen, suppress.For);
            _open[KeyOf(match)] = new OpenWindow(alert, alert.SuppressedUntil.Value);
        }
        return alert;
    }

    /// <summary>Takes up a stored alert's open window: matches it covers add hits to that alert.</summary>
    public void Resume(RuleAlert alert) =>
        _open[(alert.RuleId, alert.HostId, alert.SuppressionKey)] = new OpenWindow(alert, alert.SuppressedUntil!.Value);

    /// <summary>Drops windows that ended before <paramref name="now"/>, so memory stays bounded.</summary>
    private void Forget(DateTime now)
    {
        foreach (var key in _open.Where(e => e.Value.Until < now).Select(e => e.Key).ToArray())
        {
            _open.Remove(key);
        }
    }

    private static (string, int, string) KeyOf(RuleMatch match) => (match.Rule.Definition.Id, match.HostId, match.SuppressionKey());

    private sealed record OpenWindow(RuleAlert Alert, DateTime Until);
}
