namespace Luarm.Rules.Model.Conditions;

/// <summary>Every part holds: the keys of one mapping, <c>all:</c>.</summary>
public sealed record AllOf(IReadOnlyList<Condition> Parts) : Condition
{
    public override IEnumerable<string> Aliases => Parts.SelectMany(p => p.Aliases);
}
