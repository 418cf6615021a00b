using System.Globalization;

namespace Luarm.Agent.Audit;

/// <summary>
/// One audit record as the kernel sends it: <c>audit(SECONDS.MILLIS:SERIAL): key=value ...</c>.
/// Values keep their raw form (quoted or hex); <see cref="AuditValues"/> decodes
/// the ones that carry user text. A user-space record (PAM's) carries its own
/// fields in <c>msg='…'</c>, the record's last field: <see cref="Message"/>.
/// Any text parses: a record without the header is null.
/// </summary>
internal sealed record AuditRecord(ushort Type, DateTime Time, ulong Serial, IReadOnlyDictionary<string, string> Fields)
{
    private const string Prefix = "audit(";

    public string? this[string key] => Fields.TryGetValue(key, out var value) ? value : null;

    /// <summary>The fields inside <c>msg='…'</c>; empty when there is none.</summary>
    public IReadOnlyDictionary<string, string> Message =>
        this["msg"] is { Length: >= 2 } quoted && quoted[0] == '\'' && quoted[^1] == '\''
            ? FieldsOf(quoted.AsSpan(1, quoted.Length - 2))
            : new Dictionary<string, string>();

    public static AuditRecord? Parse(ushort type, string text)
    {
        var start = text.IndexOf(Prefix, StringComparison.Ordinal);
        var close = start < 0 ? -1 : text.IndexOf("):", start, StringComparison.Ordinal);
        if (close < 0)
        {
            return null;
        }
        var stamp = text.AsSpan(start + Prefix.Length, close - start - Prefix.Length);
        var colon = stamp.IndexOf(':');
        var dot = stamp.IndexOf('.');
        if (colon < 0 || dot < 0 || dot > colon
            || !long.TryParse(stamp[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || !int.TryParse(stamp[(dot + 1)..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var millis)
            || !ulong.TryParse(stamp[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var serial)
            || seconds > 253_402_300_799L || millis > 999)
        {
            return null;
        }
        var time = DateTime.UnixEpoch.AddSeconds(seconds).AddMilliseconds(millis);
        return new AuditRecord(type, time, serial, FieldsOf(text.AsSpan(close + 2)));
    }

    /// <summary>
    /// key=value pairs separated by spaces; a value is a "quoted" run, a token, or a 'quoted' run up to the
    /// text's last single quote (the kernel writes msg='…' last; inside it, user text may hold a single quote).
    /// A repeated key keeps its first value.
    /// </summary>
    private static Dictionary<string, string> FieldsOf(ReadOnlySpan<char> rest)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        while (true)
        {
            rest = rest.TrimStart(' ');
            var equals = rest.IndexOf('=');
            if (equals <= 0)
            {
                return fields;
            }
            var key = rest[..equals];
            if (key.Contains(' '))
            {
                // A bare word (e.g. "op=... res=1 " garbage): skip it and go on with what follows.
                rest = rest[(key.IndexOf(' ') + 1)..];
                continue;
            }
            rest = rest[(equals + 1)..];
            int length;
            if (rest.Length > 0 && rest[0] == '"')
            {
                var end = rest[1..].IndexOf('"');
                length = end < 0 ? rest.Length : end + 2;
            }
            else if (rest.Length > 0 && rest[0] == '\'')
            {
                var end = rest[1..].LastIndexOf('\'');
                length = end < 0 ? rest.Length : end + 2;
            }
            else
            {
                var end = rest.IndexOf(' ');
                length = end < 0 ? rest.Length : end;
            }
            fields.TryAdd(key.ToString(), rest[..length].ToString());
            rest = rest[length..];
        }
    }
}
