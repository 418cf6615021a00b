namespace Luarm.Rules.Matching;

/// <summary>A test on a number field: inside one of the ranges (a port list, <c>|gte</c>, ...).</summary>
public sealed class NumberMatcher(IReadOnlyList<NumberRange> ranges)
{
    public bool Matches(decimal value)
    {
        foreach (var range in ranges)
        {
            if (range.Contains(value))
            {
                return true;
            }
        }
        return false;
    }

    public bool Matches(decimal? value) => value is { } present && Matches(present);

    public override string ToString() => string.Join(", ", ranges);
}
