using System.Runtime.InteropServices;
using System.Text;

namespace Luarm.Agent.Audit;

/// <summary>
/// The agent's audit rules, tagged with the key <see cref="Key"/>, as
/// struct audit_rule_data bytes: on the exit filter, always, for x86_64 and
/// i386 callers, excluding the agent's own pid (its netlink sends would feed back).
/// One rule for execs and socket calls; one per inet family for <c>socket()</c>
/// (the socket type, which no other record carries; unix sockets are many and
/// never endpoints); one per watched directory for opens.
/// </summary>
internal static class AuditRules
{
    public const string Key = "luarm";
    private const uint AUDIT_FILTER_EXIT = 0x04;
    private const uint AUDIT_ALWAYS = 2;
    private const int AUDIT_BITMASK_SIZE = 64;
    private const int AUDIT_MAX_FIELDS = 64;
    private const uint AUDIT_PID = 0;
    private const uint AUDIT_ARCH = 11;
    private const uint AUDIT_ARG0 = 200;
    private const uint AF_INET = 2;
    private const uint AF_INET6 = 10;
    private const uint AUDIT_DIR = 107;
    private const uint AUDIT_FILTERKEY = 210;
    private const uint AUDIT_EQUAL = 0x40000000;
    private const uint AUDIT_NOT_EQUAL = 0x30000000;
    private const int FixedLength = 12 + 4 * AUDIT_BITMASK_SIZE + 3 * 4 * AUDIT_MAX_FIELDS + 4;

    private static readonly string[] ExecAndSockets = ["execve", "execveat", "connect", "accept", "accept4", "bind", "listen", "sendto", "sendmsg"];
    private static readonly string[] Opens = ["open", "openat", "openat2"];

    public static IEnumerable<byte[]> For(IEnumerable<string> watchedDirectories, int agentPid)
    {
        var directories = watchedDirectories.ToArray();
        foreach (var arch in new[] { AuditSyscalls.ArchX86_64, AuditSyscalls.ArchI386 })
        {
            yield return Rule(arch, ExecAndSockets, agentPid);
            foreach (var family in new[] { AF_INET, AF_INET6 })
            {
                yield return Rule(arch, ["socket"], agentPid, family: family);
            }
            foreach (var directory in directories)
            {
                yield return Rule(arch, Opens, agentPid, directory);
            }
        }
    }

    /// <summary>True when a rule (as AUDIT_LIST_RULES returns it) carries the agent's key.</summary>
    public static bool IsOurs(ReadOnlySpan<byte> rule)
    {
        if (rule.Length < FixedLength)
        {
            return false;
        }
        var header = MemoryMarshal.Cast<byte, uint>(rule[..FixedLength]);
        var count = Math.Min(header[2], AUDIT_MAX_FIELDS);
        var buffer = rule[FixedLength..];
        var offset = 0u;
        for (var index = 0; index < count; index++)
        {
            var field = header[3 + AUDIT_BITMASK_SIZE + index];
            var value = header[3 + AUDIT_BITMASK_SIZE + AUDIT_MAX_FIELDS + index];
            if (TakesString(field))
            {
                if (offset + value > buffer.Length)
                {
                    return false;
                }
                if (field == AUDIT_FILTERKEY && buffer.Slice((int)offset, (int)value).SequenceEqual(Encoding.UTF8.GetBytes(Key)))
                {
                    return true;
                }
                offset += value;
            }
        }
        return false;
    }

    /// <summary>The pid a rule excludes (<c>pid!=N</c>, how each agent leaves out its own calls), or null when it excludes none.</summary>
    public static int? ExcludedPid(ReadOnlySpan<byte> rule)
    {
        if (rule.Length < FixedLength)
        {
            return null;
        }
        var header = MemoryMarshal.Cast<byte, uint>(rule[..FixedLength]);
        var count = Math.Min(header[2], AUDIT_MAX_FIELDS);
        for (var index = 0; index < count; index++)
        {
            if (header[3 + AUDIT_BITMASK_SIZE + index] == AUDIT_PID && header[3 + AUDIT_BITMASK_SIZE + 2 * AUDIT_MAX_FIELDS + index] == AUDIT_NOT_EQUAL
                && header[3 + AUDIT_BITMASK_SIZE + AUDIT_MAX_FIELDS + index] is var pid and > 0 and <= int.MaxValue)
            {
                return (int)pid;
            }
        }
        return null;
    }

    /// <summary>Fields whose value is a length into the rule's string buffer: SELinux subject and object labels, watch, dir, exe, key.</summary>
    private static bool TakesString(uint field) => field is (>= 13 and <= 17) or (>= 19 and <= 23) or 105 or AUDIT_DIR or 112 or AUDIT_FILTERKEY;

    private static byte[] Rule(uint arch, string[] calls, int agentPid, string? directory = null, uint? family = null)
    {
        var strings = new List<byte>();
        var fields = new List<(uint Field, uint Value, uint Op)>
        {
            (AUDIT_ARCH, arch, AUDIT_EQUAL),
            (AUDIT_PID, (uint)agentPid, AUDIT_NOT_EQUAL),
        };
        if (family is { } domain)
        {
            fields.Add((AUDIT_ARG0, domain, AUDIT_EQUAL));
        }
        if (directory is not null)
        {
            var path = Encoding.UTF8.GetBytes(directory);
            fields.Add((AUDIT_DIR, (uint)path.Length, AUDIT_EQUAL));
            strings.AddRange(path);
        }
        var key = Encoding.UTF8.GetBytes(Key);
        fields.Add((AUDIT_FILTERKEY, (uint)key.Length, AUDIT_EQUAL));
        strings.AddRange(key);

        var rule = new byte[FixedLength + strings.Count];
        var words = MemoryMarshal.Cast<byte, uint>(rule.AsSpan(0, FixedLength));
        words[0] = AUDIT_FILTER_EXIT;
        words[1] = AUDIT_ALWAYS;
        words[2] = (uint)fields.Count;
        foreach (var call in calls)
        {
            if (AuditSyscalls.Number(arch, call) is { } number)
            {
                words[3 + number / 32] |= 1u << (number % 32);
            }
        }
        for (var index = 0; index < fields.Count; index++)
        {
            words[3 + AUDIT_BITMASK_SIZE + index] = fields[index].Field;
            words[3 + AUDIT_BITMASK_SIZE + AUDIT_MAX_FIELDS + index] = fields[index].Value;
            words[3 + AUDIT_BITMASK_SIZE + 2 * AUDIT_MAX_FIELDS + index] = fields[index].Op;
        }
        words[^1] = (uint)strings.Count;
        strings.CopyTo(rule, FixedLength);
        return rule;
    }
}
