namespace Luarm.Store.Alerts;

/// <summary>An alert as the store holds it, with its evidence.</summary>
public sealed class StoredAlert
{
    public long AlertId { get; set; }
    public string AlertKey { get; set; } = "";
    public string RuleId { get; set; } = "";
    public string Severity { get; set; } = "";
    public int HostId { get; set; }
    public DateTime FirstSeen { get; set; }
    public DateTime LastSeen { get; set; }
    public int HitCount { get; set; }
    public string Message { get; set; } = "";
    public string Tags { get; set; } = "";
    public IReadOnlyList<Evidence> Evidence { get; set; } = [];
}
