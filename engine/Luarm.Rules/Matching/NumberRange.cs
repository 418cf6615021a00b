using System.Globalization;

namespace Luarm.Rules.Matching;

/// <summary>An inclusive range of numbers: 6667 is 6667-6667, <c>|gt: 1000</c> is 1000 exclusive to the top.</summary>
public readonly record struct NumberRange(decimal Low, bool LowInclusive, decimal High, bool HighInclusive)
{
    public static NumberRange Exactly(decimal value) => new(value, true, value, true);

    public static NumberRange Between(decimal low, decimal high) => new(low, true, high, true);

    public bool Contains(decimal value) =>
        (LowInclusive ? value >= Low : value > Low) && (HighInclusive ? value <= High : value < High);

    /// <summary>Reads "6667", "1.5" or "6660-6670"; null when it is not a number or range.</summary>
    public static NumberRange? Parse(string text)
    {
        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var single))
        {
            return Exactly(single);
        }
        var dash = text.IndexOf('-', 1);
        if (dash > 0
            && decimal.TryParse(text.AsSpan(0, dash).Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var low)
            && decimal.TryParse(text.AsSpan(dash + 1).Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var high)
            && low <= high)
        {
            return Between(low, high);
        }
        return null;
    }
}
