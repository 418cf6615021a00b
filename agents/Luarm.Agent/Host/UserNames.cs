using System.Collections.Concurrent;
using System.Globalization;

namespace Luarm.Agent.Host;

/// <summary>
/// uid to user name from /etc/passwd, cached. An unknown uid re-reads the file
/// at most once a minute (a user may have been added) and otherwise shows as the number.
/// </summary>
public sealed class UserNames(string passwdPath = "/etc/passwd")
{
    private static readonly TimeSpan RereadAfter = TimeSpan.FromMinutes(1);
    private readonly Lock _reading = new();
    private ConcurrentDictionary<int, string> _names = new();
    private DateTime _readAt = DateTime.MinValue;

    public string Of(int uid)
    {
        if (_names.TryGetValue(uid, out var name))
        {
            return name;
        }
        lock (_reading)
        {
            if (DateTime.UtcNow - _readAt > RereadAfter)
            {
                _names = Read(passwdPath);
                _readAt = DateTime.UtcNow;
            }
        }
        return _names.TryGetValue(uid, out name) ? name : uid.ToString(CultureInfo.InvariantCulture);
    }

    private static ConcurrentDictionary<int, string> Read(string path)
    {
        var names = new ConcurrentDictionary<int, string>();
        if (!File.Exists(path))
        {
            return names;
        }
        foreach (var line in File.ReadLines(path))
        {
            // name:password:uid:gid:gecos:home:shell; the first name of a uid wins, as in getpwuid.
            var fields = line.Split(':');
            if (fields.Length > 2 && int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var uid))
            {
                names.TryAdd(uid, fields[0]);
            }
        }
        return names;
    }
}
