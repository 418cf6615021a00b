using System.CommandLine;
using Luarm.Testing;

namespace Luarm.Benchmarks.AgentBench;

/// <summary>What <c>agent</c> runs and how big; the defaults give the documented run.</summary>
public sealed record AgentBenchOptions(
    int Rounds, int Warmup, int Processes, int Connections, int Datagrams, int ExecSamples, int ConnectSamples, IReadOnlyList<string> Contenders, string Luarm, bool Keep)
{
    public static readonly IReadOnlyList<string> ContenderNames = ["audit", "classic", "auditd"];

    public static readonly Option<int> RoundsOption = new("--rounds") { Description = "rounds; each runs every contender in turn, alone on the host", DefaultValueFactory = _ => 3 };
    public static readonly Option<int> WarmupOption = new("--warmup") { Description = "processes of a storm run first and not counted, so that the recorders' first-use costs (the agent's JIT) are not in the figures", DefaultValueFactory = _ => 500 };
    public static readonly Option<int> ProcessesOption = new("--processes") { Description = "short processes (/bin/true from a shell loop) of the storm", DefaultValueFactory = _ => 5_000 };
    public static readonly Option<int> ConnectionsOption = new("--connections") { Description = "TCP connections on loopback, each closed at once", DefaultValueFactory = _ => 200 };
    public static readonly Option<int> DatagramsOption = new("--datagrams") { Description = "UDP sends from unconnected sockets on loopback", DefaultValueFactory = _ => 50 };
    public static readonly Option<int> ExecSamplesOption = new("--exec-samples") { Description = "processes timed from exec to their committed psinfo row (agent only)", DefaultValueFactory = _ => 50 };
    public static readonly Option<int> ConnectSamplesOption = new("--connect-samples") { Description = "connections timed from connect to their committed netinfo row (agent only)", DefaultValueFactory = _ => 20 };
    public static readonly Option<string> ContendersOption = new("--contenders") { Description = "audit, classic, auditd, or a comma-separated choice", DefaultValueFactory = _ => "audit,classic,auditd" };
    public static readonly Option<string?> LuarmOption = new("--luarm") { Description = "the luarm.dll to run as the agent (default: engine/Luarm.Cli's Release build)" };

    public static readonly Option<bool> KeepOption = new("--keep") { Description = "keep each agent's store and log (their folders are named on standard error) for inspection" };

    public static IEnumerable<Option> All => [RoundsOption, WarmupOption, ProcessesOption, ConnectionsOption, DatagramsOption, ExecSamplesOption, ConnectSamplesOption, ContendersOption, LuarmOption, KeepOption];

    public static AgentBenchOptions From(ParseResult parse)
    {
        var contenders = parse.GetValue(ContendersOption)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (contenders.Length == 0 || contenders.Except(ContenderNames).Any())
        {
            throw new ArgumentException("--contenders: say audit, classic or auditd, comma-separated");
        }
        var luarm = parse.GetValue(LuarmOption) ?? Path.Combine(RepositoryPaths.Root, "engine", "Luarm.Cli", "bin", "Release", "net10.0", "luarm.dll");
        var options = new AgentBenchOptions(
            parse.GetValue(RoundsOption), parse.GetValue(WarmupOption), parse.GetValue(ProcessesOption), parse.GetValue(ConnectionsOption), parse.GetValue(DatagramsOption),
            parse.GetValue(ExecSamplesOption), parse.GetValue(ConnectSamplesOption), contenders, luarm, parse.GetValue(KeepOption));
        if (options.Rounds < 1 || options.Warmup < 0 || options.Processes < 1 || options.Connections < 1 || options.Datagrams < 1 || options.ExecSamples < 1 || options.ConnectSamples < 1)
        {
            throw new ArgumentException("sizes must be positive");
        }
        if (!File.Exists(luarm) && contenders.Any(c => c != "auditd"))
        {
            throw new ArgumentException($"{luarm} is missing: dotnet build engine/Luarm.Cli -c Release, or pass --luarm");
        }
        if (Environment.UserName != "root")
        {
            throw new ArgumentException("the agent and auditd need root");
        }
        return options;
    }

    public string CommandLine =>
        $"agent --rounds {Rounds} --warmup {Warmup} --processes {Processes} --connections {Connections} --datagrams {Datagrams} " +
        $"--exec-samples {ExecSamples} --connect-samples {ConnectSamples} --contenders {string.Join(',', Contenders)}{(Keep ? " --keep" : "")}";
}
