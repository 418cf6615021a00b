using System.Runtime.InteropServices;

namespace Luarm.Agent.Interop;

/// <summary>
/// Requests on the audit netlink (linux/audit.h): status (struct audit_status),
/// registering the reader of records, and rules (struct audit_rule_data, sent
/// as bytes so a rule is deleted with exactly the data it was added with).
/// </summary>
internal static class AuditNetlink
{
    public const uint AUDIT_NLGRP_READLOG = 1;
    private const ushort AUDIT_GET = 1000;
    private const ushort AUDIT_SET = 1001;
    public const ushort AUDIT_ADD_RULE = 1011;
    public const ushort AUDIT_DEL_RULE = 1012;
    public const ushort AUDIT_LIST_RULES = 1013;
    private const uint AUDIT_STATUS_ENABLED = 0x1;
    private const uint AUDIT_STATUS_PID = 0x4;
    private const uint AUDIT_STATUS_BACKLOG_LIMIT = 0x10;
    private const int StatusLength = 44;
    private static readonly TimeSpan ReplyWait = TimeSpan.FromSeconds(2);

    public static AuditStatus Status(NetlinkSocket socket)
    {
        Send(socket, AUDIT_GET, NetlinkMessages.NLM_F_REQUEST, []);
        AuditStatus? status = null;
        Replies(socket, "AUDIT_GET", message =>
        {
            if (message.Type != AUDIT_GET || message.Payload.Length < 28)
            {
                return false;
            }
            // struct audit_status: mask, enabled, failure, pid, rate_limit, backlog_limit, lost, backlog, ...
            var fields = MemoryMarshal.Cast<byte, uint>(message.Payload[..(Math.Min(message.Payload.Length, 32) & ~3)]);
            status = new AuditStatus(fields[1] != 0, (int)fields[3], fields[5], fields[6], fields.Length > 7 ? fields[7] : 0);
            return true;
        });
        return status ?? throw new KernelCallException("audit AUDIT_GET (no reply)", Libc.EAGAIN);
    }

    /// <summary>Makes the sender of this request the audit daemon (records come to it, unicast); pid 0 gives it up.</summary>
    public static void Register(NetlinkSocket socket, int pid) => Set(socket, AUDIT_STATUS_PID, 3, (uint)pid);

    /// <summary>Turns auditing on (records are made) or off.</summary>
    public static void SetEnabled(NetlinkSocket socket, bool enabled) => Set(socket, AUDIT_STATUS_ENABLED, 1, enabled ? 1u : 0u);

    public static void SetBacklogLimit(NetlinkSocket socket, uint limit) => Set(socket, AUDIT_STATUS_BACKLOG_LIMIT, 5, limit);

    public static void Rule(NetlinkSocket socket, ushort type, ReadOnlySpan<byte> ruleData) =>
        Acknowledged(socket, type, ruleData, type == AUDIT_ADD_RULE ? "AUDIT_ADD_RULE" : "AUDIT_DEL_RULE");

    /// <summary>Every rule in the kernel, as the audit_rule_data bytes AUDIT_DEL_RULE takes back.</summary>
    public static List<byte[]> ListRules(NetlinkSocket socket)
    {
        Send(socket, AUDIT_LIST_RULES, NetlinkMessages.NLM_F_REQUEST | NetlinkMessages.NLM_F_ACK, []);
        var rules = new List<byte[]>();
        Replies(socket, "AUDIT_LIST_RULES", message =>
        {
            if (message.Type == AUDIT_LIST_RULES)
            {
                rules.Add(message.Payload.ToArray());
            }
            return message.Type == NetlinkMessages.NLMSG_DONE;
        });
        return rules;
    }

    private static void Set(NetlinkSocket socket, uint mask, int field, uint value)
    {
        Span<byte> status = stackalloc byte[StatusLength];
        status.Clear();
        MemoryMarshal.Write(status, in mask);
        MemoryMarshal.Write(status[(field * 4)..], in value);
        Acknowledged(socket, AUDIT_SET, status, "AUDIT_SET");
    }

    private static void Acknowledged(NetlinkSocket socket, ushort type, ReadOnlySpan<byte> payload, string call)
    {
        Send(socket, type, NetlinkMessages.NLM_F_REQUEST | NetlinkMessages.NLM_F_ACK, payload);
        // Records may be interleaved when this socket is the registered reader: only the ack counts.
        if (!Replies(socket, call, message => message.Type == NetlinkMessages.NLMSG_ERROR))
        {
            throw new KernelCallException("audit " + call + " (no acknowledgement)", Libc.EAGAIN);
        }
    }

    private delegate bool Reply(NetlinkMessages.Message message);

    /// <summary>
    /// Reads replies until <paramref name="reply"/> says it has what it waited for (true), or the wait
    /// ends (false). An error reply (a negative errno) throws; an acknowledgement (0) is passed on.
    /// </summary>
    private static bool Replies(NetlinkSocket socket, string call, Reply reply)
    {
        var buffer = new byte[64 * 1024];
        var deadline = DateTime.UtcNow + ReplyWait;
        while (DateTime.UtcNow < deadline)
        {
            var messages = NetlinkMessages.Read(buffer.AsSpan(0, socket.Receive(buffer, ReplyWait)));
            while (messages.TryRead(out var message))
            {
                if (message.Type == NetlinkMessages.NLMSG_ERROR && message.Payload.Length >= 4 && message.Error != 0)
                {
                    throw new KernelCallException("audit " + call, -message.Error);
                }
                if (reply(message))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static void Send(NetlinkSocket socket, ushort type, ushort flags, ReadOnlySpan<byte> payload)
    {
        var message = new byte[NetlinkMessages.HeaderLength + ((payload.Length + 3) & ~3)];
        NetlinkMessages.WriteHeader(message, type, flags, 0);
        MemoryMarshal.Write(message, (uint)(NetlinkMessages.HeaderLength + payload.Length));
        payload.CopyTo(message.AsSpan(NetlinkMessages.HeaderLength));
        socket.Send(message);
    }
}

/// <summary>
/// What AUDIT_GET says: whether audit is on, who reads its records (0: nobody, they go to the kernel log), drops,
/// and the records queued in the kernel that kauditd has not yet sent to the readers.
/// </summary>
internal readonly record struct AuditStatus(bool Enabled, int Pid, uint BacklogLimit, uint Lost, uint Backlog);
