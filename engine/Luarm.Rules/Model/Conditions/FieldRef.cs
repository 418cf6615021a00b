namespace Luarm.Rules.Model.Conditions;

/// <summary>A field of the fact an alias stands for: <c>proc.pid</c>.</summary>
public sealed record FieldRef(string Alias, FactField Field)
{
    public override string ToString() => $"{Alias}.{Field.Name}";
}
