using System.Runtime.InteropServices;
using System.Text;

namespace Luarm.Agent.Host;

/// <summary>
/// Who is logged in, from utmp as `who` reads it: struct utmp records (glibc on
/// 64-bit Linux, 384 bytes) of USER_PROCESS type, and DEAD_PROCESS records a
/// logout leaves in the same slot.
/// </summary>
public static class LoggedUsers
{
    public const string DefaultPath = "/var/run/utmp";
    private const int RecordLength = 384;
    private const short USER_PROCESS = 7;
    private const short DEAD_PROCESS = 8;

    /// <summary>Distinct user names, comma-separated and sorted; null when there is no utmp to read.</summary>
    public static string? Read(string path = DefaultPath) =>
        Records(path) is { } records
            ? string.Join(',', new SortedSet<string>(records.Where(r => r.IsLogin).Select(r => r.User), StringComparer.Ordinal))
            : null;

    /// <summary>The login and logout records in utmp; null when there is no utmp to read.</summary>
    public static IReadOnlyList<UtmpRecord>? Records(string path = DefaultPath)
    {
        byte[] utmp;
        try
        {
            utmp = File.ReadAllBytes(path);
        }
        catch (Exception missing) when (missing is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        var records = new List<UtmpRecord>();
        for (var offset = 0; offset + RecordLength <= utmp.Length; offset += RecordLength)
        {
            var record = utmp.AsSpan(offset, RecordLength);
            var type = MemoryMarshal.Read<short>(record);
            if (type is USER_PROCESS or DEAD_PROCESS)
            {
                records.Add(Parse(record, type == USER_PROCESS));
            }
        }
        return records;
    }

    /// <summary>ut_pid at 4, ut_line[32] at 8, ut_user[32] at 44, ut_host[256] at 76, ut_tv (two int32) at 340.</summary>
    private static UtmpRecord Parse(ReadOnlySpan<byte> record, bool isLogin)
    {
        var seconds = MemoryMarshal.Read<int>(record[340..]);
        var microseconds = MemoryMarshal.Read<int>(record[344..]);
        DateTime? at = seconds > 0 && microseconds is >= 0 and < 1_000_000
            ? DateTime.UnixEpoch.AddSeconds(seconds).AddTicks(microseconds * 10L)
            : null;
        return new UtmpRecord(isLogin, MemoryMarshal.Read<int>(record[4..]), Text(record.Slice(8, 32)), Text(record.Slice(44, 32)), Text(record.Slice(76, 256)), at);
    }

    /// <summary>A NUL-padded field; bytes that are not UTF-8 become U+FFFD rather than failing.</summary>
    private static string Text(ReadOnlySpan<byte> field)
    {
        var length = field.IndexOf((byte)0);
        return Encoding.UTF8.GetString(length < 0 ? field : field[..length]);
    }
}

/// <summary>One utmp entry: a login (USER_PROCESS) or a logout (DEAD_PROCESS); <see cref="At"/> is null when unset or out of range.</summary>
public sealed record UtmpRecord(bool IsLogin, int Pid, string Line, string User, string Host, DateTime? At);
