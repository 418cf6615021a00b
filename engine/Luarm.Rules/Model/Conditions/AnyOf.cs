namespace Luarm.Rules.Model.Conditions;

/// <summary>At least one part holds: <c>any:</c>.</summary>
public sealed record AnyOf(IReadOnlyList<Condition> Parts) : Condition
{
    public override IEnumerable<string> Aliases => Parts.SelectMany(p => p.Aliases);
}
