using Luarm.Rules.Model;
using Luarm.Store.Alerts;

namespace Luarm.Rules.Runtime;

/// <summary>
/// An alert raised by a rule: the first match's evidence and message, and how many
/// matches it stands for (<see cref="HitCount"/>; all but the first were suppressed).
/// Its key is the store's: rule id plus evidence rows, plus the host and window of a
/// scheduled absence, which has no evidence.
/// </summary>
public sealed class RuleAlert
{
    internal RuleAlert(RuleMatch first)
        : this(first.Rule.Definition, first.HostId, first.FirstSeen, first.LastSeen, first.Render(), first.Evidence,
            first.AlertDiscriminator, NewAlert.KeyOf(first.Rule.Definition.Id, first.Evidence, first.AlertDiscriminator), first.SuppressionKey())
    {
    }

    /// <summary>A stored alert whose suppression window is still open, resumed by a rebuilt session.</summary>
    internal RuleAlert(DetectionRule rule, OpenAlertWindow stored)
        : this(rule, stored.HostId, stored.FirstSeen, stored.LastSeen, stored.Message, [], null, stored.AlertKey, stored.SuppressKey)
    {
        HitCount = stored.HitCount;
        SuppressedUntil = stored.SuppressUntil;
    }

    private RuleAlert(
        DetectionRule rule, int hostId, DateTime firstSeen, DateTime lastSeen, string message, IReadOnlyList<Evidence> evidence,
        string? keyDiscriminator, string alertKey, string suppressionKey)
    {
        RuleId = rule.Id;
        Severity = rule.Severity.ToString().ToLowerInvariant();
        Tags = rule.Tags;
        HostId = hostId;
        FirstSeen = firstSeen;
        LastSeen = lastSeen;
        Message = message;
        Evidence = evidence;
        KeyDiscriminator = keyDiscriminator;
        AlertKey = alertKey;
        SuppressionKey = suppressionKey;
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

    /// <summary>The missed window of a scheduled absence, which keys the alert in place of evidence.</summary>
    public string? KeyDiscriminator { get; }
    internal string SuppressionKey { get; }

    /// <summary>The end of its suppression window, for an alert under a rule's <c>suppress</c>.</summary>
    internal DateTime? SuppressedUntil { get; set; }

    internal void Suppress(RuleMatch match)
    {
        HitCount++;
        if (match.LastSeen > LastSeen)
        {
            LastSeen = match.LastSeen;
        }
    }

    public NewAlert ToNewAlert() =>
        new(RuleId, Severity, HostId, FirstSeen, LastSeen, HitCount, Message, Tags, Evidence, KeyDiscriminator,
            SuppressedUntil is { } until ? new AlertWindow(SuppressionKey, until) : null)
        {
            AlertKey = AlertKey,
        };

    public override string ToString() => $"{RuleId} host {HostId} x{HitCount}: {Message}";
}
