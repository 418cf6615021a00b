namespace Luarm.Rules.Binding;

/// <summary>A condition key as written: <c>[alias.]field[|modifier...]</c>, e.g. <c>conn.destip|cidr</c>.</summary>
public sealed record FieldKey(string? Alias, string Field, IReadOnlyList<string> Modifiers)
{
    public static FieldKey Parse(string key)
    {
        var parts = key.Split('|');
        var name = parts[0];
        var dot = name.IndexOf('.');
        return new FieldKey(
            dot < 0 ? null : name[..dot],
            dot < 0 ? name : name[(dot + 1)..],
            parts.Skip(1).ToArray());
    }
}
