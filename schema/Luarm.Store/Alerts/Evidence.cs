namespace Luarm.Store.Alerts;

/// <summary>A fact row behind an alert: the table and its id, so an examiner can pivot to it.</summary>
public sealed record Evidence(string FactTable, long FactId);
