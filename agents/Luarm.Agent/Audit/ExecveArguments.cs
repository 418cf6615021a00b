using System.Globalization;
using System.Text;

namespace Luarm.Agent.Audit;

/// <summary>
/// argv from the EXECVE records of one event: <c>argc=N a0="..." a1=HEX</c>, a
/// long argument split as <c>a1_len=L a1[0]=... a1[1]=...</c>, and many arguments
/// spread over several records. Each argument is decoded on its own (hex or
/// quoted); a missing piece leaves that argument empty rather than shift the rest.
/// </summary>
internal static class ExecveArguments
{
    /// <summary>More than the store keeps (64 KiB of arguments), fewer than a hostile argv can cost.</summary>
    public const int MaxArguments = 8192;

    public static string[] Of(IEnumerable<AuditRecord> execveRecords)
    {
        var records = execveRecords.ToArray();
        var argc = records.Select(record => AuditValues.Number(record["argc"])).FirstOrDefault(count => count is not null) ?? 0;
        var count = (int)Math.Clamp(argc, 0, MaxArguments);
        var arguments = new string[count];
        for (var index = 0; index < count; index++)
        {
            arguments[index] = Argument(records, index.ToString(CultureInfo.InvariantCulture));
        }
        return arguments;
    }

    private static string Argument(AuditRecord[] records, string index)
    {
        var whole = "a" + index;
        foreach (var record in records)
        {
            if (record[whole] is { } value)
            {
                return AuditValues.Text(value) ?? "";
            }
        }
        var pieces = new List<byte>();
        for (var part = 0; ; part++)
        {
            var key = whole + "[" + part.ToString(CultureInfo.InvariantCulture) + "]";
            var piece = records.Select(record => record[key]).FirstOrDefault(value => value is not null);
            if (piece is null)
            {
                break;
            }
            pieces.AddRange(AuditValues.Bytes(piece) ?? []);
        }
        return Encoding.UTF8.GetString([.. pieces]);
    }
}
