namespace Luarm.Benchmarks.AgentBench;

/// <summary>
/// The <c>agent</c> run: in each round every contender in turn, alone on the host (auditd stopped
/// while the agent runs and the other way round), records the same process storm and traffic.
/// </summary>
public static class AgentBenchRun
{
    public static async Task RunAsync(AgentBenchOptions options)
    {
        Markdown.Line($"Command: `dotnet run -c Release --project tests/Luarm.Benchmarks -- {options.CommandLine}`");
        Markdown.Heading("Machine");
        Report.Settings([.. MachineInfo.Describe(), ("auditd", AuditdVersion())]);
        var runs = new List<ContenderRun>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var contender in options.Contenders)
            {
                IRecorder recorder = contender == "auditd" ? new AuditdRecorder() : new AgentRecorder(options.Luarm, contender, options.Keep);
                await Console.Error.WriteLineAsync($"round {round}: {recorder.Name}");
                var run = await ContenderRun.RunAsync(round, recorder, options);
                await Console.Error.WriteLineAsync($"  storm {run.StormCount.Full}/{run.Storm.Processes} full, {run.StormCpuSeconds:0.00} CPU-s; tcp {run.TrafficCount.Tcp}, udp {run.TrafficCount.Udp}");
                runs.Add(run);
            }
        }
        AgentBenchReport.Write(runs, options);
        Markdown.Line($"Load average at the end (1, 5, 15 min): {MachineInfo.LoadAverage()}.");
    }

    private static string AuditdVersion()
    {
        try
        {
            return AuditStatus.Auditctl("-v").Trim();
        }
        catch (InvalidOperationException missing)
        {
            return missing.Message;
        }
    }
}
