using System.Globalization;
using Luarm.Agent.Interop;

namespace Luarm.Agent.Host;

/// <summary>Reads processes from /proc; every answer may be null because a process can exit at any time.</summary>
public static class ProcFs
{
    /// <summary>Indexes into <see cref="StatFields"/>: stat fields 9 (flags) and 22 (starttime, in clock ticks after boot).</summary>
    private const int FlagsField = 6;
    private const int StartTimeField = 19;
    private const long PF_KTHREAD = 0x00200000;

    public static IEnumerable<int> Pids()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory.AsSpan()), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                yield return pid;
            }
        }
    }

    /// <summary>The process as /proc shows it now, or null when it is already gone.</summary>
    public static ProcessImage? Read(int pid)
    {
        var root = "/proc/" + pid.ToString(CultureInfo.InvariantCulture);
        var status = ProcFile.ReadText(root + "/status");
        if (status is null)
        {
            return null;
        }
        var (command, arguments) = SplitCommandLine(ProcFile.ReadText(root + "/cmdline"));
        var stat = StatFields(ProcFile.ReadText(root + "/stat"));
        // A kernel thread never had a command line: ps shows its name in brackets.
        // An exiting process has lost its own: the command stays unknown ("").
        if (command.Length == 0 && ParseLong(stat, FlagsField) is { } flags && (flags & PF_KTHREAD) != 0)
        {
            command = "[" + StatusField(status, "Name:") + "]";
        }
        return new ProcessImage(
            pid,
            ParseInt(StatusField(status, "PPid:")) ?? 0,
            EffectiveUid(status),
            command,
            arguments,
            ProcFile.ReadLink(root + "/exe"),
            ProcFile.ReadLink(root + "/cwd"),
            ParseLong(stat, StartTimeField),
            AuditLogin.Of(pid));
    }

    /// <summary>The short process name (/proc/PID/comm), which a process may set to anything.</summary>
    public static string? Comm(int pid) =>
        ProcFile.ReadText("/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/comm")?.TrimEnd('\n');

    /// <summary>argv[0] as the command, the rest joined by spaces as the arguments, like LUARM's psinfo.</summary>
    internal static (string Command, string Arguments) SplitCommandLine(string? commandLine)
    {
        if (string.IsNullOrEmpty(commandLine))
        {
            return ("", "");
        }
        var words = commandLine.TrimEnd('\0').Split('\0');
        return (words[0], string.Join(' ', words.Skip(1)));
    }

    /// <summary>The effective uid (second of the four on "Uid:"), the user ps shows and the kernel checks.</summary>
    private static int? EffectiveUid(string status)
    {
        var uids = StatusField(status, "Uid:")?.Split('\t', StringSplitOptions.RemoveEmptyEntries);
        return uids is { Length: > 1 } ? ParseInt(uids[1]) : null;
    }

    /// <summary>The fields of /proc/PID/stat after the parenthesised comm (which may hold spaces): state is [0].</summary>
    private static string[] StatFields(string? stat)
    {
        var afterComm = stat?.LastIndexOf(')') ?? -1;
        return afterComm < 0 || afterComm + 2 >= stat!.Length ? [] : stat[(afterComm + 2)..].Split(' ');
    }

    private static long? ParseLong(string[] fields, int index) =>
        index < fields.Length && long.TryParse(fields[index], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string? StatusField(string status, string name)
    {
        var start = status.StartsWith(name, StringComparison.Ordinal) ? 0
            : status.IndexOf("\n" + name, StringComparison.Ordinal) is var at and >= 0 ? at + 1
            : -1;
        if (start < 0)
        {
            return null;
        }
        start += name.Length;
        var end = status.IndexOf('\n', start);
        return status[start..(end < 0 ? status.Length : end)].Trim();
    }

    private static int? ParseInt(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
