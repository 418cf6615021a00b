namespace Luarm.Rules.Model.Conditions;

/// <summary>A field equal to a field of another alias: <c>pid: proc.pid</c>. Text compares without case unless cased.</summary>
public sealed record FieldJoin(FieldRef Field, FieldRef Other, bool Cased) : Condition
{
    public override IEnumerable<string> Aliases => [Field.Alias, Other.Alias];
}
