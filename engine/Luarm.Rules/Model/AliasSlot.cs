namespace Luarm.Rules.Model;

/// <summary>
/// <c>{proc.pid}</c> names a field of an alias; <c>{conn.count}</c> (no field) the
/// number a count alias reached.
/// </summary>
public sealed record AliasSlot(string Alias, FactField? Field) : TemplateSlot;
