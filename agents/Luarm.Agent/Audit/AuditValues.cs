using System.Globalization;
using System.Text;

namespace Luarm.Agent.Audit;

/// <summary>
/// Decodes audit values. The kernel writes user text (argv, paths, comm, exe)
/// in double quotes when it is plain, and as hex of its bytes when it holds a
/// quote, a space, a control character or non-ASCII; "(null)" means none.
/// </summary>
internal static class AuditValues
{
    public const uint Unset = uint.MaxValue;

    /// <summary>The text of a quoted or hex-encoded value; null when absent, "(null)" or neither form.</summary>
    public static string? Text(string? raw) => Bytes(raw) is { } bytes ? Encoding.UTF8.GetString(bytes) : null;

    public static byte[]? Bytes(string? raw)
    {
        if (raw is null || raw == "(null)")
        {
            return null;
        }
        if (raw.Length >= 2 && raw[0] == '"' && raw[^1] == '"')
        {
            return Encoding.UTF8.GetBytes(raw[1..^1]);
        }
        return Hex(raw);
    }

    public static byte[]? Hex(string raw)
    {
        if (raw.Length % 2 != 0)
        {
            return null;
        }
        try
        {
            return Convert.FromHexString(raw);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public static long? Number(string? raw) =>
        long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>A login uid or session id: null when absent or unset (4294967295, "never logged in").</summary>
    public static long? Login(string? raw) =>
        ulong.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value < Unset ? (long)value : null;

    public static ulong? HexNumber(string? raw) =>
        ulong.TryParse(raw, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value) ? value : null;
}
