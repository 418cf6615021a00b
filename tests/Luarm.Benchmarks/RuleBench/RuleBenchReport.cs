using System.Globalization;
using Luarm.Benchmarks.Activity;
using Luarm.Rules.Model;
using static Luarm.Benchmarks.Markdown;

namespace Luarm.Benchmarks.RuleBench;

/// <summary>The <c>rules</c> run's results as Markdown for docs/benchmarks.md.</summary>
public static class RuleBenchReport
{
    public static void Compile(CompileResult result, RuleBenchOptions options)
    {
        Line($"{result.Rules} generated rules ({Shapes()}), one file each, loaded with `RuleSetLoader.Load` beside the shipped lists and macros, " +
            $"then compiled with `CompiledRuleSet.Compile`. *Cold*: the first load and compile of the process. *Warm*: {options.CompileRuns} more, medians (min to max). Seconds.");
        Line();
        Table(["step", "cold", "warm median", "warm min", "warm max"],
        [
            ["load (parse, bind, validate)", S(result.ColdLoad), S(result.WarmLoad.Median), S(result.WarmLoad.Min), S(result.WarmLoad.Max)],
            ["compile (NRules rule models, expression compilation, Rete network)", S(result.ColdCompile), S(result.WarmCompile.Median), S(result.WarmCompile.Min), S(result.WarmCompile.Max)],
            ["load + compile", S(result.ColdLoad + result.ColdCompile), S(result.WarmTotal.Median), S(result.WarmTotal.Min), S(result.WarmTotal.Max)],
        ]);
    }

    public static void Evaluation(IReadOnlyList<RuleSetVariant> variants, IReadOnlyList<EvaluationRun>[] runs, IReadOnlyList<object> stream, FleetActivity activity, int reads, RuleBenchOptions options)
    {
        var kinds = stream.GroupBy(f => f.GetType().Name).Select(g => $"{Count(g.Count())} {g.Key}");
        var first = Created(stream[0]);
        var last = Created(stream[^1]);
        Line($"Stream: {Count(stream.Count)} facts of {activity.Hosts} hosts ({string.Join(", ", kinds)}) over {(last - first).TotalHours:0.0} h of event time, " +
            $"with {activity.BotsPlanted} IRC bots and {activity.NearMissesPlanted} near misses planted; fed from memory in {Count(reads)} reads of {Count(RuleBenchRun.ReadSize)} facts in event-time order " +
            "to per-host sessions as the engine keeps them: each read inserted, fired, and facts older than the retention retracted. " +
            $"{options.Rounds} rounds, in each every rule set once, in rotating order, each with fresh sessions. Matches count every match, suppressed hits included.");
        Line();
        Table(["rule set", "facts/s median", "min", "max", "seconds per run (median)", "matches", "retention"],
            variants.Select((v, i) =>
            {
                var rates = Summary.Of(runs[i].Select(r => r.FactsPerSecond));
                return (IReadOnlyList<string>)[v.Name, Rate(rates.Median), Rate(rates.Min), Rate(rates.Max),
                    S(Summary.Of(runs[i].Select(r => r.Seconds)).Median), Count(runs[i][0].Matches), $"{v.Retention.TotalMinutes:0} min"];
            }));
        var ratios = runs[0].Zip(runs[1], (yaml, hand) => yaml.Seconds / hand.Seconds).ToArray();
        Line($"**Compiled from YAML against hand-written, per round:** {string.Join(", ", ratios.Select(RatioOf))}; " +
            $"median **{RatioOf(Summary.Of(ratios).Median)}** the hand-written time. " +
            $"In bare NRules sessions (no DetectionSession), the compiled rule took {RatioOf(Summary.Of(runs[3].Zip(runs[1], (bare, hand) => bare.Seconds / hand.Seconds)).Median)} the hand-written time (median of the rounds). " +
            $"All three found the same {Count(runs[0][0].Matches)} matches in every round (checked).");
    }

    public static void RuleCosts(IReadOnlyList<RuleCost> costs, IReadOnlyList<EvaluationRun> whole)
    {
        var total = costs.Sum(c => c.Seconds);
        var wholeSeconds = Summary.Of(whole.Select(r => r.Seconds)).Median;
        Line($"Each rule of the set compiled and run alone over the same stream, once, with the set's retention. " +
            $"Alone they take {S(total)} s together; the set takes {S(wholeSeconds)} s (median above). The ten costliest:");
        Line();
        Table(["rule", "title", "seconds alone", "share of the sum", "matches"],
            costs.Take(10).Select(c => (IReadOnlyList<string>)[c.Id, c.Title, S(c.Seconds), $"{100 * c.Seconds / total:0}%", Count(c.Matches)]));
        Line($"The other {costs.Count - 10} rules take {S(costs.Skip(10).Sum(c => c.Seconds))} s together.");
    }

    private static string Shapes() => "eleven shapes: single facts with modifiers, regexes and exceptions, joins with ordered and two-sided windows, standalone, distinct and joined counts, absences";

    private static DateTime Created(object fact) => (DateTime)FactKind.Of(fact.GetType()).Created.Read(fact)!;

    private static string S(double seconds) => seconds.ToString("0.000", CultureInfo.InvariantCulture);

    private static string RatioOf(double ratio) => ratio.ToString("0.00", CultureInfo.InvariantCulture) + "×";
}
