using System.Diagnostics;
using Luarm.Benchmarks.Activity;
using Luarm.Engine.Evaluation;
using Luarm.Store.Access;
using Luarm.Store.Facts;

namespace Luarm.Benchmarks.EngineBench;

/// <summary>
/// Time from a row's insertion to its alert being committed, with the engine on
/// its default schedule: a cycle run every <see cref="EngineOptions.ScheduleSeconds"/>
/// (catching up while rows remain, as the scheduled job does) while the fleet's
/// live traffic is appended twice a second. At random moments an IRC bot's
/// process and connection are appended, stamped now, and the alerts table is
/// polled every 20 ms until LUARM-IRC-001's alert for it is there.
/// </summary>
public sealed class LatencyBenchmark(BenchStore bench, ActiveRuleSet rules, EngineBenchOptions options)
{
    private const string Rule = "LUARM-IRC-001";

    public async Task<LatencyResult> RunAsync()
    {
        var store = bench.Store;
        var engine = new EngineOptions { Consumer = "latency" };
        var backlog = TimeSpan.FromMinutes(10);
        var activity = new FleetActivity(options.Hosts, DateTime.UtcNow - backlog, options.Rate, plantBots: false);
        await StoreFill.AppendAsync(store, activity.Until(DateTime.UtcNow));
        var cycle = new EvaluationCycle(store, rules, engine);
        await EngineCatchUp.RunAsync(cycle);
        using var stop = new CancellationTokenSource();
        var cycles = new List<double>();
        var evaluating = EvaluateOnScheduleAsync(cycle, TimeSpan.FromSeconds(engine.ScheduleSeconds), cycles, stop.Token);
        var writing = AppendLiveAsync(store, activity, stop.Token);
        var random = new Random(29312);
        var latencies = new List<double>();
        try
        {
            for (var trial = 0; trial < options.Trials; trial++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(1_000, 4_000)));
                latencies.Add(await TrialAsync(store, 1 + random.Next(options.Hosts), 40_000 + trial));
                Progress.Say($"{store.Dialect}: latency trial {trial + 1}: {latencies[^1]:0} ms");
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(evaluating, writing);
        }
        return new LatencyResult(Summary.Of(latencies), Summary.Of(cycles), engine.ScheduleSeconds);
    }

    /// <summary>Appends a bot's process and its connection to IRC, then waits for the alert; milliseconds from the connection's commit.</summary>
    private static async Task<double> TrialAsync(FactStore store, int hostId, int pid)
    {
        var before = await StoreAlerts.CountAsync(store, Rule);
        var now = DateTime.UtcNow;
        var writer = new FactWriter(store);
        await writer.AppendAsync([new ProcessFact { HostId = hostId, Username = "nobody", Uid = 65534, Pid = pid, Ppid = 1, Command = "/usr/bin/perl", Arguments = "./x 85.121.125.74 0 0", Cwd = "/tmp", Exe = "/usr/bin/perl", Created = now }]);
        await writer.AppendAsync([new EndpointFact { HostId = hostId, Transport = "tcp", SourceIp = "10.1.0.1", SourcePort = 40000, DestIp = "85.121.125.74", DestPort = 6670, IpVersion = 4, Username = "nobody", Uid = 65534, Pid = pid, Application = "crond", Created = now.AddMilliseconds(1) }]);
        var clock = Stopwatch.StartNew();
        while (await StoreAlerts.CountAsync(store, Rule) == before)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"no {Rule} alert for host {hostId} pid {pid} within 60 s");
            }
            await Task.Delay(20);
        }
        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task EvaluateOnScheduleAsync(EvaluationCycle cycle, TimeSpan every, List<double> cycles, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(every);
        try
        {
            do
            {
                var catchUp = await EngineCatchUp.RunAsync(cycle);
                cycles.Add(catchUp.Seconds * 1000);
            }
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
    }

    private static async Task AppendLiveAsync(FactStore store, FleetActivity activity, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                await StoreFill.AppendAsync(store, activity.Until(DateTime.UtcNow));
            }
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
    }
}

/// <summary>Milliseconds from insertion to committed alert, and how long the scheduled cycles took.</summary>
public sealed record LatencyResult(Summary LatencyMs, Summary CycleMs, double ScheduleSeconds);
