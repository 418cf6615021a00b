namespace Luarm.Rules.Matching;

/// <summary>
/// A test on a text field, built once when a rule compiles and called from the
/// rule's expression tree for each fact. Works on spans so a test allocates nothing.
/// A missing value (null) matches no test; <c>|exists</c> is how rules ask about it.
/// </summary>
public abstract class TextMatcher
{
    public bool Matches(string? value) => value is not null && Matches(value.AsSpan());

    public abstract bool Matches(ReadOnlySpan<char> value);

    protected static StringComparison ComparisonFor(bool cased) => cased ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
}
