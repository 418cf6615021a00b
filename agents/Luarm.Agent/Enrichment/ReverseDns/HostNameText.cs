namespace Luarm.Agent.Enrichment.ReverseDns;

/// <summary>
/// Whoever owns an address's reverse zone writes its PTR answer, so an attacker chooses
/// the name of their own server. A name is kept only as plain host-name text: letters,
/// digits, '-', '_' and '.', labels of 1 to 63, at most 253 in all (the column holds 255);
/// anything else (control characters, escapes, quotes, spaces) is no name at all. A dot
/// inside a wire label reads as two labels: that grants nothing, since the owner of the
/// reverse zone may write any name it likes anyway.
/// </summary>
internal static class HostNameText
{
    public const int MaxLength = 253;

    public static string? Checked(string? answer)
    {
        var name = answer?.TrimEnd('.');
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength)
        {
            return null;
        }
        foreach (var label in name.Split('.'))
        {
            if (label.Length is 0 or > 63 || !label.All(IsHostNameChar))
            {
                return null;
            }
        }
        return name;
    }

    private static bool IsHostNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';
}
