using Luarm.Store.Alerts;

namespace Luarm.Rules.Runtime;

/// <summary>
/// An alert raised by a rule: the first match's evidence and message, and how many
/// matches it stands for (<see cref="HitCount"/>; all but the first were suppressed).
/// Its key is the store's: rule id plus evidence rows.
/// </summary>
public sealed class RuleAlert
{
    internal RuleAlert(RuleMatch first)
    {
        var rule = first.Rule.Definition;
        RuleId = rule.Id;
        Severity = rule.Severity.ToString().ToLowerInvariant();
        Tags = rule.Tags;
        HostId = first.HostId;
        FirstSeen = first.FirstSeen;
        LastSeen = first.LastSeen;
        Message = first.Render();
        Evidence = first.Evidence;
        AlertKey = NewAlert.KeyOf(RuleId, Evidence);
        SuppressionKey = first.SuppressionKey();
    }

    public string RuleId { get; }
    public string Severity { get; }
    public IReadOnlyList<string> Tags { get; }
    public int HostId { get; }
    public DateTime FirstSeen { get; }
    public DateTime LastSeen { get; private set; }
    public int HitCount { get; private set; } = 1;
    public int SuppressedHits => HitCount - 1;
    public string Message { get; }
    public IReadOnlyList<Evidence> Evidence { get; }
    public string AlertKey { get; }
    internal string SuppressionKey { get; }

    internal void Suppress(RuleMatch match)
    {
        HitCount++;
        if (match.LastSeen > LastSeen)
        {
            LastSeen = match.LastSeen;
        }
    }

    public NewAlert ToNewAlert() => new(RuleId, Severity, HostId, FirstSeen, LastSeen, HitCount, Message, Tags, Evidence);

    public override string ToString() => $"{RuleId} host {HostId} x{HitCount}: {Message}";
}
