namespace Luarm.Rules.Matching;

/// <summary><c>field: [a, b]</c> and <c>field|in: $list</c>: equal to one of the values, by hash lookup.</summary>
public sealed class TextEqualsAny : TextMatcher
{
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _values;

    public TextEqualsAny(IEnumerable<string> values, bool cased)
    {
        var set = new HashSet<string>(values, cased ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);
        _values = set.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public override bool Matches(ReadOnlySpan<char> value) => _values.Contains(value);

    public override string ToString() => $"in [{string.Join(", ", _values.Set)}]";
}
