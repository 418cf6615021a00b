using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Luarm.Benchmarks.AgentBench;

/// <summary>One audit event of auditd's log: its records by type (the first of each type), each record's fields.</summary>
public sealed record AuditLogEvent(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Records)
{
    public string? Field(string type, string name) => Records.TryGetValue(type, out var fields) && fields.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// Reads auditd's log (raw or enriched format) into events grouped by their serial; string
/// values auditd wrote in hex (names with spaces or odd bytes) are decoded.
/// </summary>
public static partial class AuditLog
{
    /// <summary>Fields whose unquoted value is hex-encoded text.</summary>
    private static readonly HashSet<string> Texts = ["cwd", "exe", "comm", "name", "proctitle"];

    public static IReadOnlyList<AuditLogEvent> Read(string path)
    {
        var events = new Dictionary<string, Dictionary<string, IReadOnlyDictionary<string, string>>>();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            // The enriched format appends interpreted fields after a GS byte; the raw ones suffice.
            var raw = line.Split('\x1d')[0];
            var header = Header().Match(raw);
            if (!header.Success)
            {
                continue;
            }
            var records = events.TryGetValue(header.Groups[2].Value, out var found) ? found : events[header.Groups[2].Value] = [];
            records.TryAdd(header.Groups[1].Value, Fields(raw[header.Length..]));
        }
        return [.. events.Values.Select(r => new AuditLogEvent(r))];
    }

    private static Dictionary<string, string> Fields(string text)
    {
        var fields = new Dictionary<string, string>();
        foreach (Match field in Field().Matches(text))
        {
            var (name, value) = (field.Groups[1].Value, field.Groups[2].Value);
            fields.TryAdd(name, value.StartsWith('"') ? value.Trim('"') : IsText(name) && IsHex(value) ? Decode(value) : value);
        }
        return fields;
    }

    private static bool IsText(string name) => Texts.Contains(name) || ArgumentName().IsMatch(name);

    private static bool IsHex(string value) => value.Length % 2 == 0 && value.All(Uri.IsHexDigit);

    private static string Decode(string hex) =>
        Encoding.UTF8.GetString([.. Enumerable.Range(0, hex.Length / 2).Select(i => byte.Parse(hex.AsSpan(2 * i, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture))]);

    [GeneratedRegex(@"^type=(\S+) msg=audit\([0-9.]+:([0-9]+)\): ")]
    private static partial Regex Header();

    [GeneratedRegex(@"(\w+)=(""[^""]*""|\S+)")]
    private static partial Regex Field();

    [GeneratedRegex(@"^a[0-9]+$")]
    private static partial Regex ArgumentName();
}
