using System.Diagnostics;
using System.Globalization;
using Luarm.Store.Access;
using Luarm.Testing;
using Microsoft.Data.Sqlite;

namespace Luarm.Benchmarks.AgentBench;

/// <summary>
/// The real <c>luarm agent</c> (process and endpoint collectors) on one source, into an embedded
/// SQLite store of its own, with the environment the shipped systemd unit sets; counted in that store.
/// </summary>
public sealed class AgentRecorder(string luarm, string source, bool keep) : IRecorder
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("luarm-agentbench-");
    private readonly List<string> _log = [];
    private Process? _agent;
    private FactStore? _store;

    public string Name => $"luarm agent, --source {source}";

    public int Pid => _agent?.Id ?? throw new InvalidOperationException("not started");

    private string StorePath => Path.Combine(_folder.FullName, "luarm.db");

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet", [luarm, "--store", StorePath, "agent", "--spool", Path.Combine(_folder.FullName, "spool"), "--source", source, "--collectors", "process,endpoint"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var (name, value) in UnitEnvironment())
        {
            start.Environment[name] = value;
        }
        _agent = Process.Start(start)!;
        var running = new TaskCompletionSource();
        _agent.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is null)
            {
                return;
            }
            lock (_log)
            {
                _log.Add(line.Data);
            }
            if (line.Data.Contains("agent running", StringComparison.Ordinal))
            {
                running.TrySetResult();
            }
        };
        _agent.OutputDataReceived += (_, _) => { };
        _agent.BeginErrorReadLine();
        _agent.BeginOutputReadLine();
        await running.Task.WaitAsync(TimeSpan.FromSeconds(60));
        _store = FactStore.Open($"Data Source={StorePath}");
        // The first snapshot of running processes is committed once the collectors are up.
        while (Convert.ToInt64((await new SqlQuery(_store).RunAsync("select count(*) from psinfo")).Rows[0][0], CultureInfo.InvariantCulture) == 0)
        {
            await Task.Delay(250);
        }
    }

    public async Task<int> CountStormAsync(Storm storm) =>
        Convert.ToInt32((await Query($"select count(*) from psinfo where arguments like '{storm.Marker} %'")).Rows[0][0], CultureInfo.InvariantCulture);

    public async Task<StormCount> StormAsync(Storm storm)
    {
        var rows = (await Query($"select pid, arguments, cwd, exe, username, origin from psinfo where ppid = {storm.ShellPid} or arguments like '{storm.Marker} %'")).Rows;
        var ofShell = rows.Select(r => Convert.ToInt64(r[0], CultureInfo.InvariantCulture)).Distinct().Count();
        var full = rows.Where(r => storm.IsFull(r[1] as string, r[2] as string, r[3] as string, r[4] as string)).Select(r => storm.Index(r[1] as string)).Distinct().Count();
        var incomplete = rows.FirstOrDefault(r => !storm.IsFull(r[1] as string, r[2] as string, r[3] as string, r[4] as string));
        return new StormCount(ofShell, full, incomplete is null ? null : $"arguments '{incomplete[1]}', cwd {incomplete[2] ?? "NULL"}, exe {incomplete[3] ?? "NULL"}, user {incomplete[4]}, origin {incomplete[5] ?? "NULL"}");
    }

    public async Task<TrafficCount> TrafficAsync(Traffic traffic)
    {
        var rows = (await Query($"select transport, destport, pid from netinfo where destip = '127.0.0.1' and destport in ({traffic.TcpPort}, {traffic.UdpPort})")).Rows
            .Select(r => (Transport: (string)r[0]!, Port: Convert.ToInt32(r[1], CultureInfo.InvariantCulture), Pid: Convert.ToInt32(r[2], CultureInfo.InvariantCulture))).ToList();
        int Count(string transport, int port, bool ownPid) => rows.Count(r => r.Transport == transport && r.Port == port && (!ownPid || r.Pid == Environment.ProcessId));
        return new TrafficCount(
            Count("tcp", traffic.TcpPort, true), Count("udp", traffic.UdpPort, true), Count("tcp", traffic.TcpPort, false), Count("udp", traffic.UdpPort, false));
    }

    /// <summary>Traffic rows with this process's pid to <paramref name="ports"/>: what <see cref="LatencyProbe"/> waits for.</summary>
    public async Task<IReadOnlyList<int>> ConnectedPortsAsync(IReadOnlyCollection<int> ports) =>
        ports.Count == 0 ? [] : [.. (await Query($"select distinct destport from netinfo where transport = 'tcp' and pid = {Environment.ProcessId} and destport in ({string.Join(',', ports)})")).Rows
            .Select(r => Convert.ToInt32(r[0], CultureInfo.InvariantCulture))];

    public async Task<IReadOnlyList<string>> ArgumentsLikeAsync(string marker) =>
        [.. (await Query($"select arguments from psinfo where arguments like '{marker} %'")).Rows.Select(r => (string)r[0]!)];

    /// <summary>Log lines where the agent says it lost, dropped or failed something.</summary>
    public IReadOnlyList<string> Warnings()
    {
        lock (_log)
        {
            return [.. _log.Where(l => l.Contains("lost", StringComparison.OrdinalIgnoreCase) || l.Contains("drop", StringComparison.OrdinalIgnoreCase) || l.Contains("fail", StringComparison.OrdinalIgnoreCase))];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Terminate.GracefullyAsync(_agent);
        SqliteConnection.ClearAllPools();
        if (keep)
        {
            await File.WriteAllLinesAsync(Path.Combine(_folder.FullName, "agent.log"), _log);
            await Console.Error.WriteLineAsync($"kept: {_folder.FullName} (luarm.db, agent.log)");
        }
        else
        {
            _folder.Delete(recursive: true);
        }
    }

    private Task<SqlResult> Query(string sql) => new SqlQuery(_store ?? throw new InvalidOperationException("not started")).RunAsync(sql);

    /// <summary>The <c>Environment=</c> of samples/systemd/luarm-agent.service: the GC settings an installed agent runs with.</summary>
    private static IEnumerable<(string, string)> UnitEnvironment() =>
        File.ReadLines(Path.Combine(RepositoryPaths.Root, "samples", "systemd", "luarm-agent.service"))
            .Where(l => l.StartsWith("Environment=", StringComparison.Ordinal))
            .SelectMany(l => l["Environment=".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(pair => pair.Split('=', 2))
            .Select(pair => (pair[0], pair[1]));
}
