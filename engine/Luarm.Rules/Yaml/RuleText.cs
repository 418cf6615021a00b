using System.Buffers;
using System.Text;
using Luarm.Rules.Diagnostics;

namespace Luarm.Rules.Yaml;

/// <summary>
/// Decodes a file's bytes strictly: invalid UTF-8 and control characters (NUL,
/// the other C0 codes but tab, line feed and carriage return, and DEL) are refused
/// at the position of the first one, instead of becoming text that can never
/// match (an invalid byte would otherwise turn into U+FFFD).
/// </summary>
public static class RuleText
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly SearchValues<char> Controls = SearchValues.Create(
        Enumerable.Range(0, 32).Where(c => c is not ('\t' or '\n' or '\r')).Append(0x7f).Select(c => (char)c).ToArray());

    /// <summary>The text of <paramref name="bytes"/> (without a byte order mark), or null after reporting why not.</summary>
    public static string? Decode(string path, ReadOnlySpan<byte> bytes, DiagnosticBag diagnostics)
    {
        if (bytes.StartsWith(Encoding.UTF8.Preamble))
        {
            bytes = bytes[Encoding.UTF8.Preamble.Length..];
        }
        string text;
        try
        {
            text = Strict.GetString(bytes);
        }
        catch (DecoderFallbackException invalid)
        {
            var at = Math.Clamp(invalid.Index, 0, bytes.Length);
            // The bytes before the bad one are valid UTF-8, so their text gives the column.
            var before = Encoding.UTF8.GetString(bytes[..at]);
            var bad = invalid.BytesUnknown is [var first, ..] ? first : bytes[Math.Min(at, bytes.Length - 1)];
            diagnostics.Error(PositionOf(path, before, before.Length), DiagnosticCodes.YamlEncoding,
                $"byte 0x{bad:X2} at offset {at} is not valid UTF-8; save the file as UTF-8");
            return null;
        }
        var control = text.AsSpan().IndexOfAny(Controls);
        if (control >= 0)
        {
            diagnostics.Error(PositionOf(path, text, control), DiagnosticCodes.YamlControlCharacter,
                $"control character U+{(int)text[control]:X4} is not allowed in a rule file; remove it (write \\x{(int)text[control]:x2} in a double-quoted value to mean it)");
            return null;
        }
        return text;
    }

    /// <summary>The 1-based line and column of <paramref name="index"/> in <paramref name="text"/>.</summary>
    public static SourceSpan PositionOf(string path, string text, int index)
    {
        var head = text.AsSpan(0, index);
        var lineStart = head.LastIndexOf('\n') + 1;
        return new SourceSpan(path, head.Count('\n') + 1, index - lineStart + 1);
    }
}
