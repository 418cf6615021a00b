using Luarm.Rules.Model;

namespace Luarm.Rules.Matching;

/// <summary>
/// The test on a count's collected facts: at least N of them, or at least N distinct
/// values of a field. Runs when the collection changes, not per fact test.
/// </summary>
public sealed class CountThreshold(int atLeast, FactField? distinct)
{
    public bool IsReached(IEnumerable<object> facts)
    {
        if (distinct is null)
        {
            return facts.Take(atLeast).Count() >= atLeast;
        }
        var values = new HashSet<object?>();
        foreach (var fact in facts)
        {
            if (distinct.Read(fact) is { } value && values.Add(value is string text ? text.ToLowerInvariant() : value) && values.Count >= atLeast)
            {
                return true;
            }
        }
        return false;
    }

    public override string ToString() => distinct is null ? $"at least {atLeast}" : $"at least {atLeast} distinct {distinct.Name}";
}
