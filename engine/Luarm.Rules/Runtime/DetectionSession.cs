using Luarm.Rules.Compilation;
using Luarm.Rules.Model;
using Luarm.Store.Alerts;
using Luarm.Store.Facts;
using NRules;
using NRules.Extensibility;

namespace Luarm.Rules.Runtime;

/// <summary>
/// A Rete session over the facts of some hosts: insert facts (the store's row
/// objects), fire, get alerts. Each host's clock follows the newest <c>created</c>
/// inserted, or <see cref="AdvanceClock"/>; absences are concluded on it, and the
/// windows of scheduled absences are opened and closed as it moves.
/// </summary>
public sealed class DetectionSession
{
    private readonly MatchSink _sink = new();
    private readonly AlertSuppressor _suppressor = new();
    private readonly Dictionary<int, HostClock> _clocks = [];
    private readonly ScheduleWindows _windows;
    private readonly ICountEvaluator[] _counts;
    private readonly Dictionary<string, DetectionRule> _rules;

    internal DetectionSession(
        ISession session, IReadOnlyList<DetectionRule> rules, IReadOnlyList<Schedule> schedules,
        IReadOnlyList<SlidingCountRule> slidingCounts, IReadOnlyList<JoinedCountRule> joinedCounts)
    {
        _rules = rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
        Session = session;
        Session.DependencyResolver = new SinkResolver(_sink);
        _windows = new ScheduleWindows(schedules);
        _counts = [.. slidingCounts.Count > 0 ? [new SlidingCounts(slidingCounts)] : Array.Empty<ICountEvaluator>(),
            .. joinedCounts.Count > 0 ? [new JoinedCounts(joinedCounts)] : Array.Empty<ICountEvaluator>()];
    }

    /// <summary>The underlying NRules session, for diagnostics.</summary>
    public ISession Session { get; }

    /// <param name="clockLimit">
    /// How far the hosts' clocks may move: the engine, catching up on tables read at
    /// different speeds, holds them at the time every table has been read to, so an
    /// absence is not concluded before the facts that would cancel it are in.
    /// </param>
    public void Insert(IEnumerable<object> facts, DateTime? clockLimit = null)
    {
        var batch = facts as IReadOnlyCollection<object> ?? facts.ToArray();
        Session.InsertAll(batch);
        foreach (var counts in _counts)
        {
            foreach (var fact in batch)
            {
                counts.Insert(fact, _sink);
            }
        }
        foreach (var host in batch.GroupBy(HostOf))
        {
            var latest = host.Max(CreatedOf);
            Observe(host.Key, host.Min(CreatedOf), clockLimit < latest ? clockLimit.Value : latest);
        }
    }

    public void Retract(IEnumerable<object> facts)
    {
        var batch = facts as IReadOnlyCollection<object> ?? facts.ToArray();
        Session.RetractAll(batch);
        foreach (var counts in _counts)
        {
            foreach (var fact in batch)
            {
                counts.Retract(fact);
            }
        }
    }

    /// <summary>A fact in the session changed (an end record gave it its end): rules see it as it is now.</summary>
    public void Update(object fact)
    {
        Session.Update(fact);
        foreach (var counts in _counts)
        {
            counts.Update(fact, _sink);
        }
    }

    /// <summary>Moves a host's event-time clock forward (never back).</summary>
    public void AdvanceClock(int hostId, DateTime now) => Observe(hostId, now, now);

    /// <summary>Fires the rules and returns the alerts raised, or given more suppressed hits, since the last call.</summary>
    public IReadOnlyList<RuleAlert> Fire() => _suppressor.Apply(FireMatches());

    /// <summary>
    /// Inserts facts that were evaluated before (a session rebuilt after a restart, a
    /// takeover or a rule swap) and fires, keeping what the rules hold but raising
    /// nothing: their alerts were stored when they were first evaluated. Then
    /// <see cref="Resume"/> takes up the stored alerts' suppression windows.
    /// </summary>
    public void Replay(IEnumerable<object> facts, DateTime? clockLimit = null)
    {
        Insert(facts, clockLimit);
        FireMatches();
    }

    /// <summary>Takes up stored alerts of this session's rules whose suppression windows are open, so new matches add hits to them.</summary>
    public void Resume(IEnumerable<OpenAlertWindow> windows)
    {
        foreach (var window in windows)
        {
            if (_rules.TryGetValue(window.RuleId, out var rule) && rule.Suppress is not null)
            {
                _suppressor.Resume(new RuleAlert(rule, window));
            }
        }
    }

    private IReadOnlyList<RuleMatch> FireMatches()
    {
        Session.Fire();
        // A judged window leaves the session: were it kept, facts of it expiring later would turn it into a miss.
        var concluded = _windows.TakeConcluded(host => _clocks[host].Now);
        if (concluded.Count > 0)
        {
            Session.RetractAll(concluded);
        }
        return _sink.Drain();
    }

    /// <summary>Facts of a host from <paramref name="earliest"/> to <paramref name="latest"/> were seen: the clock moves to the latest.</summary>
    private void Observe(int hostId, DateTime earliest, DateTime latest)
    {
        if (!_clocks.TryGetValue(hostId, out var clock))
        {
            _clocks[hostId] = clock = new HostClock(hostId, latest);
            Session.Insert(clock);
            _windows.Begin(hostId, earliest);
        }
        else if (latest > clock.Now)
        {
            clock.Now = latest;
            Session.Update(clock);
        }
        var opened = _windows.Open(hostId, clock.Now);
        if (opened.Count > 0)
        {
            Session.InsertAll(opened);
        }
    }

    private static int HostOf(object fact) => ((IFact)fact).HostId;

    private static DateTime CreatedOf(object fact) => ((IFact)fact).Created;

    private sealed class SinkResolver(MatchSink sink) : IDependencyResolver
    {
        public object Resolve(IResolutionContext context, Type serviceType) =>
            serviceType == typeof(MatchSink) ? sink : throw new InvalidOperationException($"no {serviceType.Name} in a detection session");
    }
}
