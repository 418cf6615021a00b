using System.Globalization;

namespace Luarm.Agent.Host;

/// <summary>
/// uid to user name and back from /etc/passwd, cached. An unknown uid or name
/// re-reads the file at most once a minute (a user may have been added); an
/// unknown uid otherwise shows as the number, an unknown name has no uid.
/// </summary>
public sealed class UserNames(string passwdPath = "/etc/passwd")
{
    private static readonly TimeSpan RereadAfter = TimeSpan.FromMinutes(1);
    private readonly Lock _reading = new();
    private Passwd _passwd = new([], []);
    private DateTime _readAt = DateTime.MinValue;

    public string Of(int uid) =>
        Lookup(passwd => passwd.Names.TryGetValue(uid, out var name) ? name : null) ?? uid.ToString(CultureInfo.InvariantCulture);

    /// <summary>The uid of a user name, as getpwnam finds it; null when the host has no such user.</summary>
    public int? UidOf(string name) =>
        Lookup(passwd => passwd.Uids.TryGetValue(name, out var uid) ? uid : (int?)null);

    private T? Lookup<T>(Func<Passwd, T?> find)
    {
        if (find(_passwd) is { } known)
        {
            return known;
        }
        lock (_reading)
        {
            if (DateTime.UtcNow - _readAt > RereadAfter)
            {
                _passwd = Read(passwdPath);
                _readAt = DateTime.UtcNow;
            }
        }
        return find(_passwd);
    }

    private static Passwd Read(string path)
    {
        var passwd = new Passwd(new Dictionary<int, string>(), new Dictionary<string, int>(StringComparer.Ordinal));
        if (!File.Exists(path))
        {
            return passwd;
        }
        foreach (var line in File.ReadLines(path))
        {
            // name:password:uid:gid:gecos:home:shell; the first entry of a uid or name wins, as in getpwuid and getpwnam.
            var fields = line.Split(':');
            if (fields.Length > 2 && int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var uid))
            {
                passwd.Names.TryAdd(uid, fields[0]);
                passwd.Uids.TryAdd(fields[0], uid);
            }
        }
        return passwd;
    }

    private sealed record Passwd(Dictionary<int, string> Names, Dictionary<string, int> Uids);
}
