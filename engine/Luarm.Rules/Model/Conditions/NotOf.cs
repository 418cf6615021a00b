namespace Luarm.Rules.Model.Conditions;

/// <summary>The inner condition does not hold: <c>not:</c>, and every exception.</summary>
public sealed record NotOf(Condition Inner) : Condition
{
    public override IEnumerable<string> Aliases => Inner.Aliases;
}
