using System.Runtime.CompilerServices;

namespace Luarm.Rules.Diagnostics;

/// <summary>
/// Builds a diagnostic's message from an interpolated string, cutting every
/// value put into it to <see cref="MaxValueLength"/> characters, so a 2 MB value
/// in a rule file makes a one-line message, not a 2 MB one. The literal text
/// (ours) is kept whole.
/// </summary>
[InterpolatedStringHandler]
public ref struct DiagnosticMessage(int literalLength, int formattedCount)
{
    public const int MaxValueLength = 120;

    private DefaultInterpolatedStringHandler _text = new(literalLength, formattedCount);

    public void AppendLiteral(string value) => _text.AppendLiteral(value);

    public void AppendFormatted(SourceSpan where) => _text.AppendLiteral(where.ToString());

    public void AppendFormatted<T>(T value) => _text.AppendLiteral(Cap(value?.ToString() ?? ""));

    public void AppendFormatted<T>(T value, string? format) where T : IFormattable => _text.AppendLiteral(Cap(value.ToString(format, null)));

    public string ToStringAndClear() => _text.ToStringAndClear();

    /// <summary>The value, or its first <see cref="MaxValueLength"/> characters and how long it was.</summary>
    public static string Cap(string value)
    {
        if (value.Length <= MaxValueLength)
        {
            return value;
        }
        var cut = char.IsHighSurrogate(value[MaxValueLength - 1]) ? MaxValueLength - 1 : MaxValueLength;
        return $"{value[..cut]}…({value.Length} characters)";
    }
}
