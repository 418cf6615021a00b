using System.CommandLine;

namespace Luarm.Benchmarks.RuleBench;

/// <summary>What <c>rules</c> runs and how big; the defaults give the documented run.</summary>
public sealed record RuleBenchOptions(int CompileRules, int CompileRuns, int ManyRules, int Hosts, int Facts, int Rounds)
{
    public static readonly Option<int> CompileRulesOption = new("--compile-rules") { Description = "generated rules to load and compile", DefaultValueFactory = _ => 200 };
    public static readonly Option<int> CompileRunsOption = new("--compile-runs") { Description = "warm load+compile runs after the cold one", DefaultValueFactory = _ => 7 };
    public static readonly Option<int> ManyRulesOption = new("--many-rules") { Description = "size of the larger rule set evaluated (the shipped pack plus generated rules)", DefaultValueFactory = _ => 50 };
    public static readonly Option<int> HostsOption = new("--hosts") { Description = "hosts of the simulated fleet", DefaultValueFactory = _ => 10 };
    public static readonly Option<int> FactsOption = new("--facts") { Description = "facts of the stream each rule set evaluates", DefaultValueFactory = _ => 200_000 };
    public static readonly Option<int> RoundsOption = new("--rounds") { Description = "rounds; in each, every rule set evaluates the stream once, in rotating order", DefaultValueFactory = _ => 7 };

    public static IEnumerable<Option> All => [CompileRulesOption, CompileRunsOption, ManyRulesOption, HostsOption, FactsOption, RoundsOption];

    public static RuleBenchOptions From(ParseResult parse)
    {
        var options = new RuleBenchOptions(
            parse.GetValue(CompileRulesOption), parse.GetValue(CompileRunsOption), parse.GetValue(ManyRulesOption),
            parse.GetValue(HostsOption), parse.GetValue(FactsOption), parse.GetValue(RoundsOption));
        if (options.CompileRules < 1 || options.CompileRuns < 1 || options.ManyRules < 6 || options.Hosts < 1 || options.Facts < 1 || options.Rounds < 1)
        {
            throw new ArgumentException("sizes must be positive, and --many-rules at least 6 (the shipped pack has 5)");
        }
        return options;
    }

    public string CommandLine =>
        $"rules --compile-rules {CompileRules} --compile-runs {CompileRuns} --many-rules {ManyRules} --hosts {Hosts} --facts {Facts} --rounds {Rounds}";
}
