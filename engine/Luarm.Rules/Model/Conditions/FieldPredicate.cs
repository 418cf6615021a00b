namespace Luarm.Rules.Model.Conditions;

/// <summary>What a field test checks of the field's value.</summary>
public abstract record FieldPredicate;
