namespace Luarm.Rules.Model;

/// <summary>
/// <c>count:</c> at least <see cref="AtLeast"/> matching facts (or distinct values
/// of <see cref="Distinct"/>) in the alias's window, grouped by <see cref="By"/>.
/// </summary>
public sealed record CountSpec(int AtLeast, FactField? Distinct, IReadOnlyList<FactField> By);
