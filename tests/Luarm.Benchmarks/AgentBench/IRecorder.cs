namespace Luarm.Benchmarks.AgentBench;

/// <summary>What a recorder kept of the storm: processes of the shell it recorded at all, and those with argv, cwd, exe and user all right.</summary>
public sealed record StormCount(int Rows, int Full, string? Incomplete);

/// <summary>What a recorder kept of the traffic: TCP connections and UDP sends with this process's pid and the destination, and those with the destination whatever the pid.</summary>
public sealed record TrafficCount(int Tcp, int Udp, int TcpAnyPid, int UdpAnyPid);

/// <summary>One contender: the luarm agent on one source, or auditd; started before the workloads and stopped after.</summary>
public interface IRecorder : IAsyncDisposable
{
    string Name { get; }

    /// <summary>The recording process, whose CPU is read from /proc.</summary>
    int Pid { get; }

    Task StartAsync();

    /// <summary>Processes of the storm recorded with full argv (cheap enough to poll while waiting).</summary>
    Task<int> CountStormAsync(Storm storm);

    Task<StormCount> StormAsync(Storm storm);

    Task<TrafficCount> TrafficAsync(Traffic traffic);

    /// <summary>What the recorder itself said about losing or dropping records, as it said it.</summary>
    IReadOnlyList<string> Warnings();
}
