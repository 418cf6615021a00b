namespace Luarm.Rules.Matching;

/// <summary><c>|basename</c>: applies a test to the last segment of a path (/usr/bin/perl -> perl).</summary>
public sealed class Basename(TextMatcher inner) : TextMatcher
{
    public override bool Matches(ReadOnlySpan<char> value)
    {
        var slash = value.LastIndexOf('/');
        return inner.Matches(slash < 0 ? value : value[(slash + 1)..]);
    }

    public override string ToString() => $"basename {inner}";
}
