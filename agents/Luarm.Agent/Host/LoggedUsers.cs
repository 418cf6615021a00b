using System.Runtime.InteropServices;
using System.Text;

namespace Luarm.Agent.Host;

/// <summary>Who is logged in, from utmp as `who` reads it: struct utmp records of USER_PROCESS type.</summary>
public static class LoggedUsers
{
    public const string DefaultPath = "/var/run/utmp";
    private const int RecordLength = 384;
    private const int UserOffset = 44;
    private const int UserLength = 32;
    private const short USER_PROCESS = 7;

    /// <summary>Distinct user names, comma-separated and sorted; null when there is no utmp to read.</summary>
    public static string? Read(string path = DefaultPath)
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
        var users = new SortedSet<string>(StringComparer.Ordinal);
        for (var offset = 0; offset + RecordLength <= utmp.Length; offset += RecordLength)
        {
            var record = utmp.AsSpan(offset, RecordLength);
            if (MemoryMarshal.Read<short>(record) != USER_PROCESS)
            {
                continue;
            }
            var user = record.Slice(UserOffset, UserLength);
            var length = user.IndexOf((byte)0);
            users.Add(Encoding.UTF8.GetString(length < 0 ? user : user[..length]));
        }
        return string.Join(',', users);
    }
}
