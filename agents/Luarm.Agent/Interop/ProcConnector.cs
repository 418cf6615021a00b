using System.Runtime.InteropServices;

namespace Luarm.Agent.Interop;

/// <summary>
/// The netlink process connector (linux/cn_proc.h): a struct cn_msg followed by a
/// struct proc_event for every fork, exec and exit on the host (initial network
/// namespace only, CAP_NET_ADMIN).
/// </summary>
internal static class ProcConnector
{
    public const uint CN_IDX_PROC = 1;
    private const uint CN_VAL_PROC = 1;
    private const uint PROC_CN_MCAST_LISTEN = 1;
    private const int ConnectorHeaderLength = 20;
    private const uint PROC_EVENT_FORK = 0x1;
    private const uint PROC_EVENT_EXEC = 0x2;
    private const uint PROC_EVENT_COMM = 0x200;
    private const int TASK_COMM_LEN = 16;
    private const uint PROC_EVENT_EXIT = 0x80000000;

    public static NetlinkSocket Listen()
    {
        var socket = NetlinkSocket.Open(NetlinkSocket.NETLINK_CONNECTOR, CN_IDX_PROC);
        try
        {
            Span<byte> request = stackalloc byte[NetlinkMessages.HeaderLength + ConnectorHeaderLength + sizeof(uint)];
            request.Clear();
            NetlinkMessages.WriteHeader(request, NetlinkMessages.NLMSG_DONE, 0, 0);
            var connector = request[NetlinkMessages.HeaderLength..];
            MemoryMarshal.Write(connector, CN_IDX_PROC);
            MemoryMarshal.Write(connector[4..], CN_VAL_PROC);
            MemoryMarshal.Write(connector[16..], (ushort)sizeof(uint));
            MemoryMarshal.Write(connector[ConnectorHeaderLength..], PROC_CN_MCAST_LISTEN);
            socket.Send(request);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Reads the proc_event in one connector message; false for kinds the agent does not use.</summary>
    public static bool TryParse(ReadOnlySpan<byte> connectorMessage, out ProcEvent parsed)
    {
        parsed = default;
        if (connectorMessage.Length < ConnectorHeaderLength + 16 + 8)
        {
            return false;
        }
        // struct proc_event: what, cpu, timestamp_ns (8-aligned), then the union at 16.
        var message = connectorMessage[ConnectorHeaderLength..];
        var what = MemoryMarshal.Read<uint>(message);
        var timestamp = MemoryMarshal.Read<ulong>(message[8..]);
        var data = message[16..];
        var kind = what switch
        {
            PROC_EVENT_FORK => ProcEventKind.Fork,
            PROC_EVENT_EXEC => ProcEventKind.Exec,
            PROC_EVENT_COMM => ProcEventKind.Comm,
            PROC_EVENT_EXIT => ProcEventKind.Exit,
            _ => (ProcEventKind?)null,
        };
        if (kind is null || data.Length < (kind == ProcEventKind.Comm ? 8 + TASK_COMM_LEN : 16))
        {
            return false;
        }
        var first = MemoryMarshal.Read<int>(data);
        var firstGroup = MemoryMarshal.Read<int>(data[4..]);
        parsed = kind == ProcEventKind.Fork
            // fork: parent_pid, parent_tgid, child_pid, child_tgid
            ? new ProcEvent(kind.Value, timestamp, MemoryMarshal.Read<int>(data[8..]), MemoryMarshal.Read<int>(data[12..]), firstGroup)
            // exec, comm and exit: process_pid, process_tgid, then for comm the new name
            : new ProcEvent(kind.Value, timestamp, first, firstGroup, 0, kind == ProcEventKind.Comm ? CommOf(data.Slice(8, TASK_COMM_LEN)) : null);
        return true;
    }

    /// <summary>The NUL-padded name; invalid UTF-8 becomes U+FFFD (a process names itself with any bytes).</summary>
    private static string CommOf(ReadOnlySpan<byte> comm)
    {
        var end = comm.IndexOf((byte)0);
        return System.Text.Encoding.UTF8.GetString(end < 0 ? comm : comm[..end]);
    }
}

internal enum ProcEventKind
{
    Fork,
    Exec,
    Exit,

    /// <summary>The process renamed itself (prctl PR_SET_NAME, a write to /proc/PID/comm, Perl's <c>$0 = ...</c>).</summary>
    Comm,
}

/// <summary>
/// One process event. <see cref="ThreadId"/> equals <see cref="ProcessId"/> for a
/// thread-group leader (a process rather than a thread); <see cref="ParentId"/> is known for forks only,
/// <see cref="Comm"/> for renames only.
/// </summary>
internal readonly record struct ProcEvent(ProcEventKind Kind, ulong MonotonicNanoseconds, int ThreadId, int ProcessId, int ParentId, string? Comm = null)
{
    public bool IsProcess => ThreadId == ProcessId;
}
