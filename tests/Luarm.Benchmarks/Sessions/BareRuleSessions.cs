using Luarm.Rules.Compilation;
using Luarm.Rules.Runtime;
using NRules;
using NRules.Extensibility;

namespace Luarm.Benchmarks.Sessions;

/// <summary>
/// Rules compiled from YAML, run in bare NRules sessions: no <see cref="DetectionSession"/>
/// (no host clocks, no alerts, no suppression), only the rule network and its
/// actions. Beside <see cref="YamlRuleSessions"/> it shows what the session layer costs.
/// </summary>
public sealed class BareRuleSessions(CompiledRuleSet rules) : IRuleSessions
{
    private readonly MatchSink _sink = new();
    private long _matches;

    public long Matches => _matches;

    public IRuleSession Create()
    {
        var session = rules.SessionFactory.CreateSession();
        session.DependencyResolver = new SinkResolver(_sink);
        return new Session(session, this);
    }

    private sealed class Session(ISession session, BareRuleSessions owner) : IRuleSession
    {
        public void Insert(IReadOnlyList<object> facts) => session.InsertAll(facts);

        public void Fire()
        {
            session.Fire();
            owner._matches += owner._sink.Drain().Count;
        }

        public void Retract(IReadOnlyList<object> facts) => session.RetractAll(facts);
    }

    private sealed class SinkResolver(MatchSink sink) : IDependencyResolver
    {
        public object Resolve(IResolutionContext context, Type serviceType) =>
            serviceType == typeof(MatchSink) ? sink : throw new InvalidOperationException($"no {serviceType.Name} here");
    }
}
