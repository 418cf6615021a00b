using System.Diagnostics;

namespace Luarm.Benchmarks.AgentBench;

/// <summary>What one contender did in one round.</summary>
public sealed record ContenderRun(
    int Round, string Name, Storm Storm, StormCount StormCount, double StormWorkloadSeconds, Settled StormSettled, double StormCpuSeconds,
    Traffic Traffic, TrafficCount TrafficCount, double TrafficCpuSeconds, LatencyResult? Latency, long KernelLost, IReadOnlyList<string> Warnings, int OtherRules, string Load)
{
    /// <summary>Starts the recorder alone on the host, runs a warm-up storm, the storm, the traffic and (agent only) the latency samples, and stops it.</summary>
    public static async Task<ContenderRun> RunAsync(int round, IRecorder recorder, AgentBenchOptions options)
    {
        var before = await AuditStatus.WaitForNoReaderAsync(TimeSpan.FromMinutes(10));
        await using (recorder)
        {
            await recorder.StartAsync();
            await Task.Delay(TimeSpan.FromSeconds(2));
            double Cpu() => ProcStat.CpuSeconds(recorder.Pid);

            if (options.Warmup > 0)
            {
                var warmup = new Storm(options.Warmup);
                var since = Stopwatch.StartNew();
                await warmup.RunAsync();
                await Settle.WaitAsync(() => recorder.CountStormAsync(warmup), warmup.Processes, Cpu, since);
                Directory.Delete(warmup.Folder);
            }

            var storm = new Storm(options.Processes);
            var cpu = Cpu();
            var clock = Stopwatch.StartNew();
            await storm.RunAsync();
            var stormSeconds = clock.Elapsed.TotalSeconds;
            var stormSettled = await Settle.WaitAsync(() => recorder.CountStormAsync(storm), storm.Processes, Cpu, clock);
            var stormCpu = stormSettled.CpuSeconds - cpu;
            var stormCount = await recorder.StormAsync(storm);

            var traffic = new Traffic(options.Connections, options.Datagrams);
            cpu = Cpu();
            clock.Restart();
            await traffic.RunAsync();
            var trafficSettled = await Settle.WaitAsync(
                async () => await recorder.TrafficAsync(traffic) is var t ? t.Tcp + t.Udp : 0, traffic.Connections + traffic.Datagrams, Cpu, clock);
            var trafficCount = await recorder.TrafficAsync(traffic);

            var latency = recorder is AgentRecorder agent ? await LatencyProbe.MeasureAsync(agent, options.ExecSamples, options.ConnectSamples) : null;
            var after = AuditStatus.Read();
            Directory.Delete(storm.Folder);
            return new ContenderRun(round, recorder.Name, storm, stormCount, stormSeconds, stormSettled, stormCpu,
                traffic, trafficCount, trafficSettled.CpuSeconds - cpu, latency, after.Lost - before.Lost, recorder.Warnings(), before.Rules, MachineInfo.LoadAverage());
        }
    }
}
