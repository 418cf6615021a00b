using Luarm.Rules.Compilation;
using Luarm.Rules.Runtime;
using Luarm.Store.Alerts;
using Luarm.Store.Ends;
using Luarm.Store.Facts;

namespace Luarm.Engine.Evaluation;

/// <summary>
/// One host's Rete session: its facts inside the retention window, measured on
/// the host's own event-time clock (the newest <c>created</c> it sent), so a host
/// that uploads a spool late is correlated as if it had been on time.
/// </summary>
internal sealed class HostSession(int hostId, CompiledRuleSet rules, TimeSpan retention)
{
    private readonly DetectionSession _session = rules.CreateSession();
    private readonly PriorityQueue<object, DateTime> _byAge = new();
    private readonly Dictionary<int, List<ProcessFact>> _processesByPid = [];
    private readonly Dictionary<int, List<EndpointFact>> _endpointsByPid = [];
    private readonly Dictionary<string, List<DeviceFact>> _devicesByString = new(StringComparer.Ordinal);
    private readonly Dictionary<int, List<LoginFact>> _loginsByPid = [];

    /// <summary>The newest event time seen from this host.</summary>
    public DateTime Clock { get; private set; } = DateTime.MinValue;

    public int FactCount => _byAge.Count;

    public IEnumerable<object> Facts => _byAge.UnorderedItems.Select(item => item.Element);

    /// <summary>Inserts facts (oldest first) and moves the clock, the rules' no further than <paramref name="completeUpTo"/>.</summary>
    public void Insert(IReadOnlyList<object> facts, DateTime completeUpTo)
    {
        if (facts.Count == 0)
        {
            return;
        }
        _session.Insert(facts, completeUpTo);
        Hold(facts);
    }

    /// <summary>Inserts facts evaluated before (a rebuild): the rules take them in, and raise nothing for them.</summary>
    public void Replay(IReadOnlyList<object> facts, DateTime completeUpTo)
    {
        _session.Replay(facts, completeUpTo);
        Hold(facts);
    }

    /// <summary>Takes up stored alerts' open suppression windows.</summary>
    public void Resume(IEnumerable<OpenAlertWindow> windows) => _session.Resume(windows);

    private void Hold(IReadOnlyList<object> facts)
    {
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
                case DeviceFact device:
                    IndexOf(_devicesByString, device.DevString).Add(device);
                    break;
                case LoginFact login:
                    IndexOf(_loginsByPid, login.Pid).Add(login);
                    break;
            }
        }
    }

    /// <summary>Marks the fact an end record refers to as ended, as the store's trigger did with the row.</summary>
    public void Apply(object end)
    {
        switch (end)
        {
            case ProcessEnd process:
                Apply(process);
                break;
            case EndpointEnd endpoint:
                Apply(endpoint);
                break;
            case DeviceEnd device:
                Apply(device);
                break;
            case LoginEnd login:
                Apply(login);
                break;
        }
    }

    private void Apply(ProcessEnd end)
    {
        var process = _processesByPid.GetValueOrDefault(end.Pid)?
            .Where(p => p.Destroyed is null && p.Created <= end.Destroyed && (end.Created is null || p.Created == end.Created))
            .MaxBy(p => p.Created);
        if (process is not null)
        {
            process.Destroyed = end.Destroyed;
            _session.Update(process);
        }
    }

    private void Apply(EndpointEnd end)
    {
        var endpoint = _endpointsByPid.GetValueOrDefault(end.Pid)?
            .Where(e => e.Destroyed is null && e.Created <= end.Destroyed && e.Transport == end.Transport
                && e.SourceIp == end.SourceIp && e.SourcePort == end.SourcePort && e.DestIp == end.DestIp && e.DestPort == end.DestPort)
            .MaxBy(e => e.Created);
        if (endpoint is not null)
        {
            endpoint.Destroyed = end.Destroyed;
            _session.Update(endpoint);
        }
    }

    private void Apply(DeviceEnd end)
    {
        var device = _devicesByString.GetValueOrDefault(end.DevString)?
            .Where(d => d.Destroyed is null && d.Created <= end.Destroyed && d.DevBus == end.DevBus)
            .MaxBy(d => d.Created);
        if (device is not null)
        {
            device.Destroyed = end.Destroyed;
            _session.Update(device);
        }
    }

    private void Apply(LoginEnd end)
    {
        var login = _loginsByPid.GetValueOrDefault(end.Pid)?
            .Where(l => l.Destroyed is null && l.Created <= end.Destroyed && l.Tty == end.Tty && (end.Created is null || l.Created == end.Created))
            .MaxBy(l => l.Created);
        if (login is not null)
        {
            login.Destroyed = end.Destroyed;
            _session.Update(login);
        }
    }

    /// <summary>Lets the rules' clock follow this host's facts up to what every table has been read to.</summary>
    public void CatchUpClock(DateTime completeUpTo)
    {
        if (Clock != DateTime.MinValue)
        {
            _session.AdvanceClock(hostId, completeUpTo < Clock ? completeUpTo : Clock);
        }
    }

    public IReadOnlyList<RuleAlert> Fire() => _session.Fire();

    /// <summary>
    /// Retracts facts older than the retention window on this host's clock, but
    /// never beyond what every table has been read up to (<paramref name="completeUpTo"/>),
    /// so a fact does not leave before partners from a table that lags behind; returns how many.
    /// </summary>
    public int Expire(DateTime completeUpTo)
    {
        var upTo = completeUpTo < Clock ? completeUpTo : Clock;
        var horizon = upTo.Ticks > retention.Ticks ? upTo - retention : DateTime.MinValue;
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
                case DeviceFact device:
                    Unindex(_devicesByString, device.DevString, device);
                    break;
                case LoginFact login:
                    Unindex(_loginsByPid, login.Pid, login);
                    break;
            }
        }
        if (expired.Count > 0)
        {
            _session.Retract(expired);
        }
        return expired.Count;
    }

    public static DateTime CreatedOf(object fact) => ((IFact)fact).Created;

    public static int HostOf(object fact) => ((IFact)fact).HostId;

    public static int HostOfEnd(object end) => end switch
    {
        ProcessEnd process => process.HostId,
        EndpointEnd endpoint => endpoint.HostId,
        DeviceEnd device => device.HostId,
        LoginEnd login => login.HostId,
        _ => throw new ArgumentException($"{end.GetType().Name} is not an end record", nameof(end)),
    };

    private static List<T> IndexOf<TKey, T>(Dictionary<TKey, List<T>> index, TKey key) where TKey : notnull =>
        index.TryGetValue(key, out var list) ? list : index[key] = [];

    private static void Unindex<TKey, T>(Dictionary<TKey, List<T>> index, TKey key, T fact) where TKey : notnull
    {
        if (index.TryGetValue(key, out var list) && list.Remove(fact) && list.Count == 0)
        {
            index.Remove(key);
        }
    }
}
