using System.Text.RegularExpressions;

namespace Luarm.Rules.Matching;

/// <summary>
/// <c>|re</c>: a regular expression, run by .NET's non-backtracking engine so a
/// value crafted by an attacker cannot make matching take exponential time.
/// </summary>
public sealed class TextPattern(Regex pattern) : TextMatcher
{
    public static Regex Compile(string pattern, bool cased) =>
        new(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | (cased ? RegexOptions.None : RegexOptions.IgnoreCase));

    public override bool Matches(ReadOnlySpan<char> value) => pattern.IsMatch(value);

    public override string ToString() => $"re '{pattern}'";
}
