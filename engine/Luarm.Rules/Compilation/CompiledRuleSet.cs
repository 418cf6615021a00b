using Luarm.Rules.Model;
using Luarm.Rules.Runtime;
using NRules;

namespace Luarm.Rules.Compilation;

/// <summary>
/// Enabled rules compiled into one NRules session factory. Sessions built from it
/// take the store's fact objects (ProcessFact, EndpointFact, FileFact, DeviceFact)
/// and raise <see cref="RuleAlert"/>s; see <see cref="DetectionSession"/>.
/// </summary>
public sealed class CompiledRuleSet
{
    private CompiledRuleSet(ISessionFactory factory, IReadOnlyList<CompiledRule> rules)
    {
        SessionFactory = factory;
        Rules = rules;
        LongestWindow = rules.Select(r => r.Definition.LongestWindow).DefaultIfEmpty().Max();
        Schedules = rules.Select(r => r.Definition.Schedule).OfType<Schedule>().Distinct().ToArray();
    }

    public ISessionFactory SessionFactory { get; }

    public IReadOnlyList<CompiledRule> Rules { get; }

    /// <summary>How long in event time a session must keep a host's facts for every window to see them.</summary>
    public TimeSpan LongestWindow { get; }

    /// <summary>The distinct schedules of the rules' scheduled absences, whose windows sessions open per host.</summary>
    public IReadOnlyList<Schedule> Schedules { get; }

    /// <summary>Compiles the enabled rules (disabled ones are validated and tested, never run).</summary>
    public static CompiledRuleSet Compile(IEnumerable<DetectionRule> rules)
    {
        var compiled = rules.Where(r => r.Enabled).Select(r => new CompiledRule(r)).ToArray();
        var compiler = new RuleCompiler { ExpressionCompiler = new FastRuleExpressionCompiler() };
        var factory = compiler.Compile(compiled.Select(RuleModelBuilder.Build));
        return new CompiledRuleSet(factory, compiled);
    }

    public DetectionSession CreateSession() => new(SessionFactory.CreateSession(), Schedules);
}
