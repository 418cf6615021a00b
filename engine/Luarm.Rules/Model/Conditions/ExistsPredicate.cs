namespace Luarm.Rules.Model.Conditions;

/// <summary><c>|exists</c>: the field has a value (text: not empty), or has none when <see cref="Expected"/> is false.</summary>
public sealed record ExistsPredicate(bool Expected) : FieldPredicate;
