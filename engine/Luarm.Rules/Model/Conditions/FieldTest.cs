namespace Luarm.Rules.Model.Conditions;

/// <summary>A field compared with values: <c>destport|in: $irc_ports</c>.</summary>
public sealed record FieldTest(FieldRef Field, FieldPredicate Predicate) : Condition
{
    public override IEnumerable<string> Aliases => [Field.Alias];
}
