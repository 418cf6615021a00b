using System.Security.Cryptography;
using System.Text;
using Luarm.Store.Facts;

namespace Luarm.Samples.IrcBot2011;

/// <summary>
/// The rows one host's agent would have recorded, collected in any order and
/// handed out per table in time order with ids 1, 2, ... as an empty store would
/// number them: what happened first has the lower id, as in the write-up's output.
/// </summary>
internal sealed class HostRecording
{
    public const int HostId = 1;
    public const string HostIp = "192.0.2.10";

    private readonly List<ProcessFact> _processes = [];
    private readonly List<EndpointFact> _endpoints = [];
    private readonly List<FileFact> _files = [];
    private readonly List<LoginFact> _logins = [];
    private readonly List<int> _issuedPids = [];
    private int _lastPid = 10000;

    /// <summary>
    /// A pid for an ordinary process: counted up from 10000, clear of the bots'
    /// and Apache's pids (which come from the write-up). <see cref="Rows"/> hands
    /// them out again in the order the processes started, as a kernel would.
    /// </summary>
    public int NewPid(Random random)
    {
        _lastPid += 1 + random.Next(3);
        _issuedPids.Add(_lastPid);
        return _lastPid;
    }

    public ProcessFact Process(Account user, int pid, int ppid, string command, string arguments, string cwd, DateTime created, DateTime? destroyed = null, Login? login = null)
    {
        var row = Unrecorded(user, pid, command, login);
        row.Ppid = ppid;
        row.Arguments = arguments;
        row.Cwd = cwd;
        row.Created = created;
        row.Destroyed = destroyed;
        _processes.Add(row);
        return row;
    }

    /// <summary>A process that has endpoints but no psinfo row, like the write-up's crond pids: only its pid and user are known.</summary>
    public static ProcessFact Unrecorded(Account user, int pid, string command, Login? login = null) =>
        new()
        {
            HostId = HostId,
            Md5Sum = Md5Of(command),
            Username = user.Name,
            Uid = user.Uid,
            Pid = pid,
            PCpu = 0.0m,
            PMem = 0.1m,
            Command = command,
            Exe = command.StartsWith('/') ? command : null,
            LoginUid = login?.User.Uid,
            LoginName = login?.User.Name,
            SessionId = login?.SessionId,
            Origin = "exec",
        };

    /// <summary>An outgoing endpoint of <paramref name="process"/> (a listening or accepted one gives its own ports).</summary>
    public EndpointFact Endpoint(ProcessFact process, string application, string destIp, string? destFqdn, int destPort, int sourcePort, DateTime created, DateTime? destroyed = null, string transport = "tcp")
    {
        var row = new EndpointFact
        {
            HostId = HostId,
            Transport = transport,
            SourceIp = HostIp,
            SourcePort = sourcePort,
            DestIp = destIp,
            DestFqdn = destFqdn,
            DestPort = destPort,
            IpVersion = 4,
            Username = process.Username,
            Uid = process.Uid,
            Pid = process.Pid,
            Application = application,
            Md5Sum = process.Md5Sum,
            LoginUid = process.LoginUid,
            LoginName = process.LoginName,
            SessionId = process.SessionId,
            Created = created,
            Destroyed = destroyed,
        };
        _endpoints.Add(row);
        return row;
    }

    public void File(ProcessFact process, string filename, string accessType, DateTime created, string? command = null)
    {
        _files.Add(new FileFact
        {
            HostId = HostId,
            Filename = filename,
            AccessType = accessType,
            Username = process.Username,
            Uid = process.Uid,
            Command = command ?? Path.GetFileName(process.Command),
            Pid = process.Pid,
            Ppid = process.Ppid,
            Md5Sum = process.Md5Sum,
            LoginUid = process.LoginUid,
            LoginName = process.LoginName,
            SessionId = process.SessionId,
            Outcome = "allowed",
            Created = created,
        });
    }

    public void Login(Login login, int pid, string tty, string remoteHost, DateTime created, DateTime destroyed) =>
        _logins.Add(new LoginFact
        {
            HostId = HostId,
            Username = login.User.Name,
            Uid = login.User.Uid,
            Tty = tty,
            RemoteHost = remoteHost,
            SessionId = login.SessionId,
            Pid = pid,
            Created = created,
            Destroyed = destroyed,
        });

    /// <summary>Every row, table by table, each table in time order (ties keep the order they were added in) and numbered from 1.</summary>
    public IReadOnlyList<object> Rows()
    {
        RenumberInStartOrder();
        return
        [
        .. Numbered(_processes, r => r.Created, (r, id) => r.PsEntity = id),
        .. Numbered(_endpoints, r => r.Created, (r, id) => r.EndpointInfo = id),
        .. Numbered(_files, r => r.Created, (r, id) => r.FileAccess = id),
        .. Numbered(_logins, r => r.Created, (r, id) => r.LoginId = id),
        ];
    }

    /// <summary>
    /// The parts of the host are generated one after the other, so their pids
    /// were issued out of time order: the earliest process gets the lowest, in
    /// every row that names it (pid, ppid, a login's leader).
    /// </summary>
    private void RenumberInStartOrder()
    {
        var issued = _issuedPids.ToHashSet();
        var started = _processes.Where(p => issued.Contains(p.Pid)).OrderBy(p => p.Created).Select(p => p.Pid);
        var map = started.Zip(_issuedPids).ToDictionary(pair => pair.First, pair => pair.Second);
        int Renumbered(int pid) => map.GetValueOrDefault(pid, pid);
        foreach (var row in _processes)
        {
            (row.Pid, row.Ppid) = (Renumbered(row.Pid), Renumbered(row.Ppid));
        }
        foreach (var row in _endpoints)
        {
            row.Pid = Renumbered(row.Pid);
        }
        foreach (var row in _files)
        {
            (row.Pid, row.Ppid) = (Renumbered(row.Pid), Renumbered(row.Ppid));
        }
        foreach (var row in _logins)
        {
            row.Pid = Renumbered(row.Pid);
        }
        _issuedPids.Clear();
    }

    private static IEnumerable<object> Numbered<T>(IEnumerable<T> rows, Func<T, DateTime> created, Action<T, long> setId)
        where T : class
    {
        var id = 0L;
        foreach (var row in rows.OrderBy(created))
        {
            setId(row, ++id);
            yield return row;
        }
    }

    /// <summary>A stand-in for the executable's checksum: the same program always has the same one.</summary>
    private static string Md5Of(string command) =>
        Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(command)));
}

internal sealed record Account(string Name, int Uid);

/// <summary>A login session: the audit session id its processes carry.</summary>
internal sealed record Login(Account User, long SessionId);
