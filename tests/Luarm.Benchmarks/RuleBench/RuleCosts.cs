using Luarm.Benchmarks.Sessions;
using Luarm.Engine.Evaluation;
using Luarm.Rules.Compilation;

namespace Luarm.Benchmarks.RuleBench;

/// <summary>
/// Each rule of a set compiled and run alone over the same stream, once, with
/// the whole set's retention: which rules the set's time goes to. The parts need
/// not add up to the whole (shared alpha nodes, one session per host instead of one per rule).
/// </summary>
public static class RuleCosts
{
    public static IReadOnlyList<RuleCost> Measure(EvaluationBenchmark benchmark, CompiledRuleSet rules, EngineOptions engine)
    {
        var retention = EngineRetention.Of(rules, engine);
        var costs = rules.Rules
            .Select(rule =>
            {
                var alone = CompiledRuleSet.Compile([rule.Definition]);
                var run = benchmark.Evaluate(new RuleSetVariant(rule.Definition.Id, () => new YamlRuleSessions(alone), retention));
                return new RuleCost(rule.Definition.Id, rule.Definition.Title, run.Seconds, run.Matches);
            })
            .OrderByDescending(c => c.Seconds)
            .ToArray();
        Progress.Say($"rules: each of {costs.Length} rules timed alone");
        return costs;
    }
}

/// <summary>One rule alone: seconds for the stream and its matches.</summary>
public sealed record RuleCost(string Id, string Title, double Seconds, long Matches);
