namespace Luarm.Rules.Matching;

/// <summary><c>|contains</c>, <c>|startswith</c>, <c>|endswith</c> with one value.</summary>
public sealed class TextSearch(string text, TextSearchKind kind, bool cased) : TextMatcher
{
    private readonly StringComparison _comparison = ComparisonFor(cased);

    public override bool Matches(ReadOnlySpan<char> value) => kind switch
    {
        TextSearchKind.Contains => value.Contains(text, _comparison),
        TextSearchKind.StartsWith => value.StartsWith(text, _comparison),
        _ => value.EndsWith(text, _comparison),
    };

    public override string ToString() => $"{kind} '{text}'";
}
