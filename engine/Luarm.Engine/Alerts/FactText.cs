using System.Globalization;
using System.Text;

namespace Luarm.Engine.Alerts;

/// <summary>
/// The one escaper every sink renders fact text with. Command lines, file names and
/// user names come from the audited host, so an attacker chooses them: each value
/// becomes one line in which every invisible or line-breaking character is shown as
/// an escape (<c>\n</c>, <c>\r</c>, <c>\t</c>, <c>\x1b</c>, <c>\x85</c>, <c>\u2028</c>,
/// <c>\u202e</c>, <c>\U000e0041</c>), and a long value is cut with a visible marker.
/// Escaped are all controls (C0, DEL, C1), line and paragraph separators, format
/// characters (bidi overrides, zero-width characters, BOM, tag characters) and lone
/// surrogates. A backslash stays as it is, so escaping escaped text changes nothing.
/// </summary>
public static class FactText
{
    /// <summary><paramref name="value"/> on one line, every invisible character escaped; never cut.</summary>
    public static string OneLine(string? value) => OneLine(value, int.MaxValue);

    /// <summary>
    /// <paramref name="value"/> on one line, at most <paramref name="maxChars"/> characters
    /// long, the cut marker (<c>…[cut N chars]</c>, N counted in the original) included.
    /// An escape or a surrogate pair is never split.
    /// </summary>
    public static string OneLine(string? value, int maxChars)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        var budget = maxChars - CutMarker(value.Length, "chars").Length;
        var text = new StringBuilder(Math.Min(value.Length, maxChars));
        var (cutAt, cutLength) = (0, 0);
        for (var i = 0; i < value.Length;)
        {
            if (text.Length <= budget)
            {
                (cutAt, cutLength) = (i, text.Length);
            }
            i += Append(text, value, i);
            if (text.Length > maxChars)
            {
                text.Length = cutLength;
                return text.Append(CutMarker(value.Length - cutAt, "chars")).ToString();
            }
        }
        return text.ToString();
    }

    /// <summary>True when <paramref name="value"/> has nothing <see cref="OneLine(string?)"/> would escape.</summary>
    public static bool IsPlain(string value)
    {
        for (var i = 0; i < value.Length;)
        {
            var (rune, length) = RuneAt(value, i);
            if (rune is not { } r || MustEscape(r))
            {
                return false;
            }
            i += length;
        }
        return true;
    }

    /// <summary>What a cut value ends with: <c>…[cut 1048000 chars]</c>.</summary>
    public static string CutMarker(long omitted, string unit) => string.Create(CultureInfo.InvariantCulture, $"…[cut {omitted} {unit}]");

    /// <returns>How many chars of <paramref name="value"/> at <paramref name="index"/> were rendered.</returns>
    private static int Append(StringBuilder text, string value, int index)
    {
        var (rune, length) = RuneAt(value, index);
        if (rune is not { } r)
        {
            text.Append(CultureInfo.InvariantCulture, $"\\u{(int)value[index]:x4}");
        }
        else if (!MustEscape(r))
        {
            text.Append(value, index, length);
        }
        else
        {
            text.Append(r.Value switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < 0x100 => string.Create(CultureInfo.InvariantCulture, $"\\x{r.Value:x2}"),
                < 0x10000 => string.Create(CultureInfo.InvariantCulture, $"\\u{r.Value:x4}"),
                _ => string.Create(CultureInfo.InvariantCulture, $"\\U{r.Value:x8}"),
            });
        }
        return length;
    }

    /// <returns>The rune at <paramref name="index"/> and its length in chars, or null (length 1) for a lone surrogate.</returns>
    private static (Rune? Rune, int Length) RuneAt(string value, int index) =>
        Rune.DecodeFromUtf16(value.AsSpan(index), out var rune, out var length) == System.Buffers.OperationStatus.Done
            ? (rune, length)
            : (null, 1);

    private static bool MustEscape(Rune rune) => Rune.GetUnicodeCategory(rune) is
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
