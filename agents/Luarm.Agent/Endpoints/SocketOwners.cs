using System.Globalization;
using Luarm.Agent.Host;
using Luarm.Agent.Interop;

namespace Luarm.Agent.Endpoints;

/// <summary>
/// Which process holds a socket: found through the socket's inode among the
/// /proc/PID/fd links, scanned only when new inodes appear and cached until the
/// socket is gone. The application is that process's comm, what it calls itself.
/// </summary>
internal sealed class SocketOwners
{
    private static readonly byte[] SocketPrefix = "socket:["u8.ToArray();
    private readonly Dictionary<uint, SocketOwner> _owners = [];

    /// <summary>The owner found for <paramref name="inode"/>; pid 0 when no process holds it.</summary>
    public SocketOwner Of(uint inode) => _owners.TryGetValue(inode, out var owner) ? owner : SocketOwner.None;

    public void Forget(uint inode) => _owners.Remove(inode);

    /// <summary>One pass over /proc for every inode not yet known.</summary>
    public void Resolve(IEnumerable<uint> inodes)
    {
        var wanted = inodes.Where(inode => !_owners.ContainsKey(inode)).ToHashSet();
        if (wanted.Count == 0)
        {
            return;
        }
        Span<byte> target = stackalloc byte[64];
        foreach (var pid in ProcFs.Pids())
        {
            foreach (var fd in Descriptors(pid))
            {
                var length = ProcFile.ReadLink(fd, target);
                if (length > 0 && TryParseSocketInode(target[..length], out var inode) && wanted.Remove(inode))
                {
                    _owners[inode] = new SocketOwner(pid, ProcFs.Comm(pid) ?? "", AuditLogin.Of(pid));
                    if (wanted.Count == 0)
                    {
                        return;
                    }
                }
            }
        }
        foreach (var orphan in wanted)
        {
            _owners[orphan] = SocketOwner.None;
        }
    }

    private static IEnumerable<string> Descriptors(int pid)
    {
        try
        {
            return Directory.GetFileSystemEntries("/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/fd");
        }
        catch (Exception gone) when (gone is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static bool TryParseSocketInode(ReadOnlySpan<byte> link, out uint inode)
    {
        inode = 0;
        return link.StartsWith(SocketPrefix) && link[^1] == (byte)']'
            && uint.TryParse(link[SocketPrefix.Length..^1], NumberStyles.None, CultureInfo.InvariantCulture, out inode);
    }
}

internal sealed record SocketOwner(int Pid, string Application, AuditLogin Login)
{
    public static readonly SocketOwner None = new(0, "", default);
}
