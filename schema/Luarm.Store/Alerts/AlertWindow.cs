namespace Luarm.Store.Alerts;

/// <summary>
/// The suppression window of an alert raised under a rule's <c>suppress</c>: matches
/// with the same <see cref="SuppressionKey"/> (the rule's <c>by</c> values) up to
/// <see cref="Until"/> add hits to it instead of raising new alerts.
/// </summary>
public sealed record AlertWindow(string SuppressionKey, DateTime Until);
