using Luarm.Benchmarks.RuleSets;
using NRules;
using NRules.Extensibility;
using NRules.Fluent;

namespace Luarm.Benchmarks.Sessions;

/// <summary><see cref="HandWrittenIrcBotRule"/> compiled by NRules as it comes (fluent DSL, NRules' own expression compiler).</summary>
public sealed class FluentRuleSessions(ISessionFactory factory) : IRuleSessions
{
    private readonly IrcBotMatches _matches = new();

    public static ISessionFactory Compile()
    {
        var repository = new RuleRepository();
        repository.Load(spec => spec.From(typeof(HandWrittenIrcBotRule)));
        return repository.Compile();
    }

    public long Matches => _matches.Count;

    public IRuleSession Create()
    {
        var session = factory.CreateSession();
        session.DependencyResolver = new MatchesResolver(_matches);
        return new Session(session);
    }

    private sealed class Session(ISession session) : IRuleSession
    {
        public void Insert(IReadOnlyList<object> facts) => session.InsertAll(facts);

        public void Fire() => session.Fire();

        public void Retract(IReadOnlyList<object> facts) => session.RetractAll(facts);
    }

    private sealed class MatchesResolver(IrcBotMatches matches) : IDependencyResolver
    {
        public object Resolve(IResolutionContext context, Type serviceType) =>
            serviceType == typeof(IrcBotMatches) ? matches : throw new InvalidOperationException($"no {serviceType.Name} here");
    }
}
