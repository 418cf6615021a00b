using Luarm.Rules.Compilation;
using Luarm.Rules.Model;
using Luarm.Rules.Runtime;
using Luarm.Store.Ends;
using Luarm.Store.Facts;

namespace Luarm.Engine.Evaluation;

/// <summary>
/// One host's Rete session: its facts inside the retention window, measured on
/// the host's own event-time clock (the newest <c>created</c> it sent), so a host
/// that uploads a spool late is correlated as if it had been on time.
/// </summary>
internal sealed class HostSession(CompiledRuleSet rules, TimeSpan retention)
{
    private readonly DetectionSession _session = rules.CreateSession();
    private readonly PriorityQueue<object, DateTime> _byAge = new();
    private readonly Dictionary<int, List<ProcessFact>> _processesByPid = [];
    private readonly Dictionary<int, List<EndpointFact>> _endpointsByPid = [];

    /// <summary>The newest event time seen from this host.</summary>
    public DateTime Clock { get; private set; } = DateTime.MinValue;

    public int FactCount => _byAge.Count;

    /// <summary>Inserts facts (oldest first) and moves the clock.</summary>
    public void Insert(IReadOnlyList<object> facts)
    {
        if (facts.Count == 0)
        {
            return;
        }
        _session.Insert(facts);
        foreach (var fact in facts)
        {
            var created = CreatedOf(fact);
            _byAge.Enqueue(fact, created);
            Clock = created > Clock ? created : Clock;
            switch (fact)
            {
                case ProcessFact process:
                    IndexOf(_processesByPid, process.Pid).Add(process);
                    break;
                case EndpointFact endpoint:
                    IndexOf(_endpointsByPid, endpoint.Pid).Add(endpoint);
                    break;
            }
        }
    }

    /// <summary>Marks the running process the end refers to as ended, as the store's trigger did.</summary>
    public void Apply(ProcessEnd end)
    {
        var process = _processesByPid.GetValueOrDefault(end.Pid)?
            .Where(p => p.Destroyed is null && p.Created <= end.Destroyed && (end.Created is null || p.Created == end.Created))
            .MaxBy(p => p.Created);
        if (process is not null)
        {
            process.Destroyed = end.Destroyed;
            _session.Session.Update(process);
        }
    }

    public void Apply(EndpointEnd end)
    {
        var endpoint = _endpointsByPid.GetValueOrDefault(end.Pid)?
            .Where(e => e.Destroyed is null && e.Created <= end.Destroyed && e.Transport == end.Transport
                && e.SourceIp == end.SourceIp && e.SourcePort == end.SourcePort && e.DestIp == end.DestIp && e.DestPort == end.DestPort)
            .MaxBy(e => e.Created);
        if (endpoint is not null)
        {
            endpoint.Destroyed = end.Destroyed;
            _session.Session.Update(endpoint);
        }
    }

    public IReadOnlyList<RuleAlert> Fire() => _session.Fire();

    /// <summary>Retracts facts older than the retention window on this host's clock; returns how many.</summary>
    public int Expire()
    {
        var horizon = Clock - retention;
        var expired = new List<object>();
        while (_byAge.TryPeek(out var fact, out var created) && created < horizon)
        {
            expired.Add(_byAge.Dequeue());
            switch (fact)
            {
                case ProcessFact process:
                    Unindex(_processesByPid, process.Pid, process);
                    break;
                case EndpointFact endpoint:
                    Unindex(_endpointsByPid, endpoint.Pid, endpoint);
                    break;
            }
        }
        if (expired.Count > 0)
        {
            _session.Retract(expired);
        }
        return expired.Count;
    }

    public static DateTime CreatedOf(object fact) => (DateTime)FactKind.Of(fact.GetType()).Created.Read(fact)!;

    public static int HostOf(object fact) => (int)FactKind.Of(fact.GetType()).HostId.Read(fact)!;

    private static List<T> IndexOf<T>(Dictionary<int, List<T>> index, int pid) =>
        index.TryGetValue(pid, out var list) ? list : index[pid] = [];

    private static void Unindex<T>(Dictionary<int, List<T>> index, int pid, T fact)
    {
        if (index.TryGetValue(pid, out var list) && list.Remove(fact) && list.Count == 0)
        {
            index.Remove(pid);
        }
    }
}
