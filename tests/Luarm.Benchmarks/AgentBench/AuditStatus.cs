using System.Diagnostics;
using System.Globalization;

namespace Luarm.Benchmarks.AgentBench;

/// <summary>The kernel's audit status as <c>auditctl -s</c> prints it: who reads the records and how many were lost.</summary>
public sealed record AuditStatus(int ReaderPid, long Lost, int Rules)
{
    public static AuditStatus Read()
    {
        var status = Auditctl("-s");
        long Field(string name) => status.Split('\n').Select(l => l.Split(' ', 2)).Where(p => p.Length == 2 && p[0] == name)
            .Select(p => long.Parse(p[1].Split(' ')[0], CultureInfo.InvariantCulture)).First();
        var rules = Auditctl("-l").Split('\n').Count(l => l.StartsWith("-a", StringComparison.Ordinal));
        return new AuditStatus((int)Field("pid"), Field("lost"), rules);
    }

    /// <summary>
    /// Only one process can be the registered audit reader; other work on this host (audit tests)
    /// may hold it. Waits until nobody does, so that each contender runs alone.
    /// </summary>
    public static async Task<AuditStatus> WaitForNoReaderAsync(TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var status = Read();
            if (status.ReaderPid == 0 || !Directory.Exists($"/proc/{status.ReaderPid}"))
            {
                return status;
            }
            if (clock.Elapsed > limit)
            {
                throw new InvalidOperationException($"pid {status.ReaderPid} is the registered audit reader for over {limit.TotalSeconds:0} s; run again when it is done");
            }
            await Console.Error.WriteLineAsync($"waiting: pid {status.ReaderPid} is the audit reader");
            await Task.Delay(TimeSpan.FromSeconds(5));
        }
    }

    public static string Auditctl(params string[] arguments)
    {
        using var auditctl = Process.Start(new ProcessStartInfo("auditctl", arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = auditctl.StandardOutput.ReadToEnd();
        var error = auditctl.StandardError.ReadToEnd();
        auditctl.WaitForExit();
        if (auditctl.ExitCode != 0)
        {
            throw new InvalidOperationException($"auditctl {string.Join(' ', arguments)}: {error.Trim()}");
        }
        return output;
    }
}
