using Luarm.Rules.Model;
using Luarm.Rules.Runtime;
using NRules;

namespace Luarm.Rules.Compilation;

/// <summary>
/// Enabled rules compiled into one NRules session factory. Sessions built from it
/// take the store's fact objects (ProcessFact, EndpointFact, FileFact, DeviceFact, LoginFact)
/// and raise <see cref="RuleAlert"/>s; see <see cref="DetectionSession"/>. Rules that
/// are one count standing alone, or one fact and a count joined to it, are
/// evaluated beside the Rete network (<see cref="SlidingCountRule"/>,
/// <see cref="JoinedCountRule"/>).
/// </summary>
public sealed class CompiledRuleSet
{
    private CompiledRuleSet(ISessionFactory factory, IReadOnlyList<CompiledRule> rules)
    {
        SessionFactory = factory;
        Rules = rules;
        SlidingCounts = [.. rules.Where(r => SlidingCountRule.Fits(r.Definition)).Select(SlidingCountRule.Of)];
        JoinedCounts = [.. rules.Where(r => JoinedCountRule.Fits(r.Definition)).Select(JoinedCountRule.Of)];
        LongestWindow = rules.Select(r => r.Definition.LongestWindow).DefaultIfEmpty().Max();
        Schedules = rules.Select(r => r.Definition.Schedule).OfType<Schedule>().Distinct().ToArray();
    }

    public ISessionFactory SessionFactory { get; }

    public IReadOnlyList<CompiledRule> Rules { get; }

    /// <summary>The standalone counts of <see cref="Rules"/>, evaluated outside the session factory's network.</summary>
    public IReadOnlyList<SlidingCountRule> SlidingCounts { get; }

    /// <summary>The counts of <see cref="Rules"/> joined to one fact, evaluated outside the session factory's network.</summary>
    public IReadOnlyList<JoinedCountRule> JoinedCounts { get; }

    /// <summary>How long in event time a session must keep a host's facts for every window to see them.</summary>
    public TimeSpan LongestWindow { get; }

    /// <summary>The distinct schedules of the rules' scheduled absences, whose windows sessions open per host.</summary>
    public IReadOnlyList<Schedule> Schedules { get; }

    /// <summary>Compiles the enabled rules (disabled ones are validated and tested, never run).</summary>
    public static CompiledRuleSet Compile(IEnumerable<DetectionRule> rules)
    {
        var compiled = rules.Where(r => r.Enabled).Select(r => new CompiledRule(r)).ToArray();
        var compiler = new RuleCompiler { ExpressionCompiler = new FastRuleExpressionCompiler() };
        var factory = compiler.Compile(compiled.Where(r => !IsBesideNetwork(r.Definition)).Select(RuleModelBuilder.Build));
        return new CompiledRuleSet(factory, compiled);
    }

    public DetectionSession CreateSession() =>
        new(SessionFactory.CreateSession(), [.. Rules.Select(r => r.Definition)], Schedules, SlidingCounts, JoinedCounts);

    private static bool IsBesideNetwork(DetectionRule rule) => SlidingCountRule.Fits(rule) || JoinedCountRule.Fits(rule);
}
