using Luarm.Rules.Model;

namespace Luarm.Benchmarks.Sessions;

/// <summary>
/// Feeds reads of facts to per-host sessions the way the engine's evaluation
/// cycle does, but from memory: each read grouped by host and inserted oldest
/// first, every touched session fired, then facts older than the retention on
/// the host's own clock retracted. What is left is the Rete core's own cost.
/// </summary>
public sealed class SessionFeed(IRuleSessions sessions, TimeSpan retention)
{
    private readonly Dictionary<int, HostFeed> _hosts = [];

    /// <summary>Facts held in all sessions now.</summary>
    public int FactsHeld => _hosts.Values.Sum(h => h.Held);

    public void Feed(IReadOnlyList<object> read)
    {
        var touched = new List<HostFeed>();
        foreach (var host in read.GroupBy(HostOf))
        {
            if (!_hosts.TryGetValue(host.Key, out var feed))
            {
                _hosts[host.Key] = feed = new HostFeed(sessions.Create());
            }
            feed.Insert([.. host.OrderBy(CreatedOf)]);
            touched.Add(feed);
        }
        foreach (var feed in touched)
        {
            feed.Session.Fire();
        }
        foreach (var feed in touched)
        {
            feed.Expire(retention);
        }
    }

    private static int HostOf(object fact) => (int)FactKind.Of(fact.GetType()).HostId.Read(fact)!;

    private static DateTime CreatedOf(object fact) => (DateTime)FactKind.Of(fact.GetType()).Created.Read(fact)!;

    private sealed class HostFeed(IRuleSession session)
    {
        private readonly PriorityQueue<object, DateTime> _byAge = new();
        private DateTime _clock = DateTime.MinValue;

        public IRuleSession Session { get; } = session;

        public int Held => _byAge.Count;

        public void Insert(IReadOnlyList<object> facts)
        {
            Session.Insert(facts);
            foreach (var fact in facts)
            {
                var created = CreatedOf(fact);
                _byAge.Enqueue(fact, created);
                _clock = created > _clock ? created : _clock;
            }
        }

        public void Expire(TimeSpan retention)
        {
            var expired = new List<object>();
            while (_byAge.TryPeek(out _, out var created) && created < _clock - retention)
            {
                expired.Add(_byAge.Dequeue());
            }
            if (expired.Count > 0)
            {
                Session.Retract(expired);
            }
        }
    }
}
