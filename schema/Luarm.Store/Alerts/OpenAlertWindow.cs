namespace Luarm.Store.Alerts;

/// <summary>A stored alert whose suppression window is still open: what an engine resumes after a restart or a takeover.</summary>
public sealed class OpenAlertWindow
{
    public string AlertKey { get; set; } = "";
    public string RuleId { get; set; } = "";
    public int HostId { get; set; }
    public DateTime FirstSeen { get; set; }
    public DateTime LastSeen { get; set; }
    public int HitCount { get; set; }
    public string Message { get; set; } = "";
    public string SuppressKey { get; set; } = "";
    public DateTime SuppressUntil { get; set; }
}
