namespace Luarm.Store.Alerts;

/// <summary>Which alerts to list; every criterion left null matches all.</summary>
public sealed record AlertFilter
{
    public int? HostId { get; init; }
    public string? RuleId { get; init; }
    public AlertSeverity? MinimumSeverity { get; init; }

    /// <summary>Alerts last seen at or after this time.</summary>
    public DateTime? Since { get; init; }

    /// <summary>Alerts first seen before this time.</summary>
    public DateTime? Until { get; init; }
    public int Limit { get; init; } = 100;
}
