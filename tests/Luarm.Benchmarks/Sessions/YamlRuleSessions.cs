using Luarm.Rules.Compilation;
using Luarm.Rules.Runtime;

namespace Luarm.Benchmarks.Sessions;

/// <summary>Rules compiled from YAML, run as the engine runs them: <see cref="DetectionSession"/>s that raise alerts.</summary>
public sealed class YamlRuleSessions(CompiledRuleSet rules) : IRuleSessions
{
    private readonly HashSet<RuleAlert> _alerts = [];

    public long Matches => _alerts.Sum(a => (long)a.HitCount);

    /// <summary>Alerts raised (a hit of a suppressed match adds to an alert, it raises none).</summary>
    public IReadOnlyCollection<RuleAlert> Alerts => _alerts;

    public IRuleSession Create() => new Session(rules.CreateSession(), _alerts);

    private sealed class Session(DetectionSession session, HashSet<RuleAlert> alerts) : IRuleSession
    {
        public void Insert(IReadOnlyList<object> facts) => session.Insert(facts);

        public void Fire() => alerts.UnionWith(session.Fire());

        public void Retract(IReadOnlyList<object> facts) => session.Retract(facts);
    }
}
