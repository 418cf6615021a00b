using Luarm.Rules.Model;
using NRules;
using NRules.Extensibility;

namespace Luarm.Rules.Runtime;

/// <summary>
/// A Rete session over the facts of some hosts: insert facts (the store's row
/// objects), fire, get alerts. Each host's clock follows the newest <c>created</c>
/// inserted, or <see cref="AdvanceClock"/>; absences are concluded on it.
/// </summary>
public sealed class DetectionSession
{
    private readonly MatchSink _sink = new();
    private readonly AlertSuppressor _suppressor = new();
    private readonly Dictionary<int, HostClock> _clocks = [];

    internal DetectionSession(ISession session)
    {
        Session = session;
        Session.DependencyResolver = new SinkResolver(_sink);
    }

    /// <summary>The underlying NRules session, for diagnostics and retraction of expired facts.</summary>
    public ISession Session { get; }

    public void Insert(IEnumerable<object> facts)
    {
        var batch = facts as IReadOnlyCollection<object> ?? facts.ToArray();
        Session.InsertAll(batch);
        foreach (var host in batch.GroupBy(HostOf))
        {
            AdvanceClock(host.Key, host.Max(CreatedOf));
        }
    }

    public void Retract(IEnumerable<object> facts) => Session.RetractAll(facts);

    /// <summary>Moves a host's event-time clock forward (never back).</summary>
    public void AdvanceClock(int hostId, DateTime now)
    {
        if (!_clocks.TryGetValue(hostId, out var clock))
        {
            _clocks[hostId] = clock = new HostClock(hostId, now);
            Session.Insert(clock);
        }
        else if (now > clock.Now)
        {
            clock.Now = now;
            Session.Update(clock);
        }
    }

    /// <summary>Fires the rules and returns the alerts raised, or given more suppressed hits, since the last call.</summary>
    public IReadOnlyList<RuleAlert> Fire()
    {
        Session.Fire();
        return _suppressor.Apply(_sink.Drain());
    }

    private static int HostOf(object fact) => (int)FactKind.Of(fact.GetType()).HostId.Read(fact)!;

    private static DateTime CreatedOf(object fact) => (DateTime)FactKind.Of(fact.GetType()).Created.Read(fact)!;

    private sealed class SinkResolver(MatchSink sink) : IDependencyResolver
    {
        public object Resolve(IResolutionContext context, Type serviceType) =>
            serviceType == typeof(MatchSink) ? sink : throw new InvalidOperationException($"no {serviceType.Name} in a detection session");
    }
}
