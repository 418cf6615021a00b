using System.Globalization;
using static Luarm.Benchmarks.Markdown;

namespace Luarm.Benchmarks.AgentBench;

/// <summary>The <c>agent</c> run's results as Markdown for docs/benchmarks.md, each round side by side, then against the issue's goals.</summary>
public static class AgentBenchReport
{
    private const string Auditd = "auditd";

    public static void Write(IReadOnlyList<ContenderRun> runs, AgentBenchOptions options)
    {
        Heading("Agent against auditd: fidelity and cost");
        Line($"Each round runs every contender in turn, alone (auditd stopped while the agent runs, and the other way round), through the same workloads, after a warm-up storm of {Count(options.Warmup)} processes that is not counted. " +
            $"*Storm*: a `/bin/sh` loop running `{Storm.Program} MARKER i` for i below {Count(options.Processes)}, in a folder of its own; " +
            "a *full* row has the arguments `MARKER i`, that cwd, the exe `" + Storm.Exe + "` and the user root (distinct i counted); *rows* are the distinct pids recorded with the shell as parent or with the marker. " +
            $"*Traffic*: {Count(options.Connections)} TCP connections to a loopback listener, each closed as soon as made, 5 ms apart, then {Count(options.Datagrams)} UDP sends, each from a fresh unconnected socket; " +
            "counted when recorded with this process's pid and the destination (127.0.0.1 and the run's port). " +
            "The agent runs `luarm --store FILE.db agent --spool DIR --source S --collectors process,endpoint` (the Release build, under the environment of samples/systemd/luarm-agent.service); " +
            "auditd 3 runs in the foreground with the host's auditd.conf (a log file of its own, not rotated) and rules for the system calls the agent asks for (execve, execveat, connect, accept, accept4, bind, listen, sendto, sendmsg; b64 and b32). " +
            "CPU is utime + stime of the recording process from /proc/PID/stat, from just before the workload to the last new row (agent: committed in the store; auditd: written to its log); " +
            "the kernel's own audit work is in neither. *Kernel lost* is the kernel's audit lost counter (`auditctl -s`) over the contender's run; *own warnings* the recorder's log lines about losing, dropping or failing (the agent's standard error; auditd's DAEMON_ records).");
        Line();
        Table(["round", "contender", "storm full rows", "storm rows", "storm CPU-s", "storm took s", "last row after s", "TCP pid+dest", "UDP pid+dest", "TCP, UDP dest, any pid", "traffic CPU-s", "kernel lost", "own warnings", "others' audit rules", "load (1 min)"],
            runs.Select(r => (IReadOnlyList<string>)[
                r.Round.ToString(CultureInfo.InvariantCulture), r.Name, Share(r.StormCount.Full, r.Storm.Processes), Count(r.StormCount.Rows),
                S(r.StormCpuSeconds), S(r.StormWorkloadSeconds), S(r.StormSettled.LastGrowth.TotalSeconds),
                Share(r.TrafficCount.Tcp, r.Traffic.Connections), Share(r.TrafficCount.Udp, r.Traffic.Datagrams),
                $"{Count(r.TrafficCount.TcpAnyPid)}, {Count(r.TrafficCount.UdpAnyPid)}", S(r.TrafficCpuSeconds), Count(r.KernelLost), Count(r.Warnings.Count), Count(r.OtherRules), r.Load.Split(' ')[0]]));
        var examples = runs.Where(r => r.StormCount.Incomplete is not null).GroupBy(r => r.Name).Select(g => $"{g.Key}: {g.First().StormCount.Incomplete}").ToList();
        if (examples.Count > 0)
        {
            Line($"An incomplete storm row of each contender (first found): {string.Join("; ", examples)}.");
            Line();
        }
        foreach (var warned in runs.Where(r => r.Warnings.Count > 0))
        {
            Line($"Round {warned.Round}, {warned.Name}, said: {string.Join(" / ", warned.Warnings.Distinct().Take(5).Select(w => $"`{w}`"))}.");
            Line();
        }
        Latencies(runs);
        Goals(runs);
    }

    private static void Latencies(IReadOnlyList<ContenderRun> runs)
    {
        var agents = runs.Where(r => r.Latency is not null).GroupBy(r => r.Name).ToList();
        if (agents.Count == 0)
        {
            return;
        }
        Line("Latency, agent only: one exec (`/bin/true MARKER i`) or one connect (to a listener of its own) every 100 ms, the store polled every 20 ms; " +
            "from just before the exec or connect to the poll that finds its row; all rounds together. *missing*: no row carrying the sample (its argv, or its port with this pid) within 10 s of the last sample.");
        Line();
        Table(["contender", "event", "samples", "missing", "median ms", "p95 ms", "max ms"],
            agents.SelectMany(g => new[]
            {
                Row(g.Key, "exec → psinfo row", g.SelectMany(r => r.Latency!.ExecMs).ToList()),
                Row(g.Key, "connect → netinfo row", g.SelectMany(r => r.Latency!.ConnectMs).ToList()),
            }));
    }

    private static IReadOnlyList<string> Row(string name, string what, IReadOnlyList<double?> samples)
    {
        var found = Summary.Of(samples.OfType<double>());
        return [name, what, Count(samples.Count), Count(samples.Count(s => s is null)), Ms0(found.Median), Ms0(found.P95), Ms0(found.Max)];
    }

    private static void Goals(IReadOnlyList<ContenderRun> runs)
    {
        Line("Against the goals of issue 9 (worst round of each contender; CPU ratio per round against that round's auditd):");
        Line();
        var auditd = runs.Where(r => r.Name == Auditd).ToDictionary(r => r.Round);
        Table(["contender", "storm full rows ≥ 99.9 %", "TCP and UDP with pid and destination ≥ 99 %", "storm CPU ≤ 2× auditd's", "exec or connect to row ≤ 1.5 s (p95)"],
            runs.GroupBy(r => r.Name).Select(g =>
            {
                var full = g.Min(r => (double)r.StormCount.Full / r.Storm.Processes);
                var net = g.Min(r => Math.Min((double)r.TrafficCount.Tcp / r.Traffic.Connections, (double)r.TrafficCount.Udp / r.Traffic.Datagrams));
                var ratios = g.Where(r => r.Name != Auditd && auditd.ContainsKey(r.Round) && auditd[r.Round].StormCpuSeconds > 0)
                    .Select(r => r.StormCpuSeconds / auditd[r.Round].StormCpuSeconds).ToList();
                var latencies = g.Where(r => r.Latency is not null).SelectMany(r => r.Latency!.ExecMs.Concat(r.Latency!.ConnectMs)).ToList();
                var p95 = latencies.Count == 0 || latencies.Any(l => l is null) ? double.PositiveInfinity : Summary.Of(latencies.OfType<double>()).P95;
                return (IReadOnlyList<string>)[
                    g.Key, Verdict(full >= 0.999, Percent(full)), Verdict(net >= 0.99, Percent(net)),
                    ratios.Count == 0 ? "" : Verdict(ratios.Max() <= 2, string.Join(", ", ratios.Select(Ratio2))),
                    latencies.Count == 0 ? "" : Verdict(p95 <= 1500, double.IsPositiveInfinity(p95) ? "rows missing" : $"{Ms0(p95)} ms")];
            }));
    }

    private static string Verdict(bool met, string figure) => $"{(met ? "met" : "**not met**")}: {figure}";

    private static string Share(int part, int whole) => $"{Count(part)} ({Percent((double)part / whole)})";

    /// <summary>Two decimals: 99.88 % must not read as the goal's 99.9 %.</summary>
    private static string Percent(double share) => (share * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %";

    private static string Ratio2(double ratio) => ratio.ToString("0.00", CultureInfo.InvariantCulture) + "×";

    private static string S(double seconds) => seconds.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Ms0(double ms) => double.IsNaN(ms) ? "" : ms.ToString("0", CultureInfo.InvariantCulture);
}
