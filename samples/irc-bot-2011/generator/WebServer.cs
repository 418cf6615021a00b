using Luarm.Store.Facts;

namespace Luarm.Samples.IrcBot2011;

/// <summary>
/// The XAMPP Apache the bots came in through: a master run by root (pid 8343)
/// and its children run by nobody, serving web clients and asking MySQL. The
/// children are 55 of nobody's 57 processes; their pids stay below the bots'
/// (9253) so that, in id order or in pid order, the two Perl runs come last.
/// </summary>
internal static class WebServer
{
    public const int MasterPid = 8343;
    public const int Children = 55;
    private const int ChildrenFromStart = 5;
    private const int Requests = 1500;
    private const string Httpd = "/opt/lampp/bin/httpd";
    private const string Arguments = "-k start -E /opt/lampp/logs/error_log -DSSL -DPHP5";

    public static ProcessFact Add(HostRecording host, Random random, DateTime start, DateTime lastChild, DateTime end)
    {
        var master = host.Process(SystemActivity.Root, MasterPid, 1, Httpd, Arguments, "/", start.AddSeconds(5));
        var children = new List<ProcessFact>();
        var pid = MasterPid;
        for (var i = 0; i < Children; i++)
        {
            pid += 1 + random.Next(15);
            var (created, destroyed) = i < ChildrenFromStart
                ? (start.AddSeconds(6).AddMilliseconds(i * 40), (DateTime?)null)
                : Lifetime(random, start, lastChild);
            children.Add(host.Process(BotActivity.Nobody, pid, MasterPid, Httpd, Arguments, "/", created, destroyed));
        }
        // Children spawned later take the pids after the earlier ones, as the kernel hands them out.
        var ordered = children.OrderBy(c => c.Created).ToList();
        var pids = ordered.Select(c => c.Pid).Order().ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].Pid = pids[i];
        }
        Serve(host, random, ordered, start, end);
        return master;
    }

    private static (DateTime Created, DateTime? Destroyed) Lifetime(Random random, DateTime start, DateTime lastChild)
    {
        var created = start.AddSeconds(random.NextDouble() * (lastChild - start).TotalSeconds);
        return (created, created.AddHours(2 + (random.NextDouble() * 28)));
    }

    /// <summary>Web clients accepted by a child alive at the time; a third of the pages ask the local MySQL.</summary>
    private static void Serve(HostRecording host, Random random, List<ProcessFact> children, DateTime start, DateTime end)
    {
        for (var i = 0; i < Requests; i++)
        {
            var at = start.AddSeconds(random.NextDouble() * (end - start).TotalSeconds);
            var alive = children.Where(c => c.Created <= at && (c.Destroyed is null || c.Destroyed > at)).ToList();
            var child = alive[random.Next(alive.Count)];
            var client = $"203.0.113.{1 + random.Next(254)}";
            host.Endpoint(child, "httpd", client, null, BotActivity.EphemeralPort(random), 80, at, at.AddSeconds(1 + random.Next(15)));
            if (random.Next(3) == 0)
            {
                var query = at.AddMilliseconds(20 + random.Next(200));
                host.Endpoint(child, "httpd", "127.0.0.1", "localhost", 3306, BotActivity.EphemeralPort(random), query, query.AddMilliseconds(80));
            }
        }
    }
}
