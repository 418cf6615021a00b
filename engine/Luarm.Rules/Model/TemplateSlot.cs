namespace Luarm.Rules.Model;

/// <summary>
/// A placeholder of an output template: <c>{proc.pid}</c> names a field of an
/// alias; <c>{conn.count}</c> (no field) the number a count alias reached.
/// </summary>
public sealed record TemplateSlot(string Alias, FactField? Field);
