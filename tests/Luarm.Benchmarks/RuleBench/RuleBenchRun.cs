using Luarm.Benchmarks.Activity;
using Luarm.Benchmarks.RuleSets;
using Luarm.Benchmarks.Sessions;
using Luarm.Engine.Evaluation;
using Luarm.Rules.Compilation;
using Luarm.Rules.Loading;
using Luarm.Rules.Model;
using Luarm.Testing;

namespace Luarm.Benchmarks.RuleBench;

/// <summary>
/// The <c>rules</c> run: compile time of a large generated set (cold first, so it
/// is the first thing the process does), then the canonical rule compiled from
/// YAML against the same rule hand-written in NRules' fluent DSL, and a larger
/// set, on the same stream in the same rounds.
/// </summary>
public static class RuleBenchRun
{
    public const string CanonicalRule = "LUARM-IRC-001";

    /// <summary>
    /// Facts per read, in event-time order, as a live engine reads them (a 2 s tick of a busy
    /// fleet and more). Not the engine's catch-up reads (up to 20,000 rows of each table):
    /// those run the tables apart in event time and lose joins across tables (see the engine section).
    /// </summary>
    public const int ReadSize = 1_000;

    public static void Run(RuleBenchOptions options)
    {
        Markdown.Line($"Command: `dotnet run -c Release --project tests/Luarm.Benchmarks -- {options.CommandLine}`");
        var compile = new CompileBenchmark(options).Run();
        Markdown.Heading("Machine");
        Report.Settings(MachineInfo.Describe());
        Markdown.Heading($"Rules: loading and compiling {compile.Rules} rules");
        RuleBenchReport.Compile(compile, options);

        var engine = new EngineOptions();
        var activity = new FleetActivity(options.Hosts, new DateTime(2024, 3, 4, 0, 0, 0, DateTimeKind.Utc), factsPerSecond: 2.0 * options.Hosts);
        var stream = activity.Next(options.Facts);
        IReadOnlyList<IReadOnlyList<object>> reads = [.. stream.Chunk(ReadSize)];
        var canonical = CompiledRuleSet.Compile(Loaded(RepositoryPaths.Rules).Where(r => r.Id == CanonicalRule));
        using var folder = new GeneratedRuleFolder(options.ManyRules - Loaded(RepositoryPaths.Rules).Count(r => r.Enabled));
        var many = CompiledRuleSet.Compile(Loaded(folder.WithShippedPack));
        var handWritten = FluentRuleSessions.Compile();
        var retention = EngineRetention.Of(canonical, engine);
        IReadOnlyList<RuleSetVariant> variants =
        [
            new($"{CanonicalRule} compiled from YAML", () => new YamlRuleSessions(canonical), retention),
            new($"{CanonicalRule} hand-written (NRules fluent DSL)", () => new FluentRuleSessions(handWritten), retention),
            new($"{many.Rules.Count} rules compiled from YAML (shipped pack + generated)", () => new YamlRuleSessions(many), EngineRetention.Of(many, engine)),
            new($"{CanonicalRule} compiled from YAML, bare NRules sessions (no DetectionSession)", () => new BareRuleSessions(canonical), retention),
        ];
        Progress.Say($"rules: {stream.Count:N0} facts of {options.Hosts} hosts in {reads.Count} reads; {options.Rounds} rounds of {variants.Count} rule sets");
        var benchmark = new EvaluationBenchmark(reads, options.Rounds);
        var runs = benchmark.Run(variants);
        var yaml = runs[0];
        var hand = runs[1];
        if (yaml.Zip(hand).Concat(runs[3].Zip(hand)).Any(pair => pair.First.Matches != pair.Second.Matches))
        {
            throw new InvalidOperationException($"the compiled and the hand-written rule disagree: {string.Join(", ", yaml.Select(r => r.Matches))} against {string.Join(", ", hand.Select(r => r.Matches))} matches");
        }
        Markdown.Heading($"Rules: {CanonicalRule} from YAML against hand-written, and {many.Rules.Count} rules");
        RuleBenchReport.Evaluation(variants, runs, stream, activity, reads.Count, options);
        Markdown.Heading($"Rules: where the time of the {many.Rules.Count} rules goes");
        RuleBenchReport.RuleCosts(RuleCosts.Measure(benchmark, many, engine), runs[2]);
    }

    private static IReadOnlyList<DetectionRule> Loaded(params IReadOnlyList<string> paths)
    {
        var loaded = RuleSetLoader.Load(paths);
        if (loaded.HasErrors)
        {
            throw new InvalidOperationException($"rules did not load: {string.Join("; ", loaded.Errors.Take(5))}");
        }
        return loaded.Rules;
    }
}
