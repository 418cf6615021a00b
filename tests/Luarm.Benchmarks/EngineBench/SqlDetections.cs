using System.Diagnostics;
using System.Globalization;
using Luarm.Store.Access;

namespace Luarm.Benchmarks.EngineBench;

/// <summary>
/// Two of the pack's detections written as SQL by hand, what a LUARM user re-runs
/// at every tick over the whole tables: the IRC bot (LUARM-IRC-001, a process
/// joined to its connections) and the IRC flood (LUARM-IRC-002, a count over a
/// self-join). Each answers the number of matches the rule has, so the answers
/// compare with the engine's hits.
/// </summary>
public static class SqlDetections
{
    private const string Daemons = "'nobody','nfsnobody','www-data','apache','httpd','nginx','daemon','mysql','postgres','tomcat','redis','_www'";
    private const string Interpreters = "'perl','python','python2','python3','ruby','php','php-cgi','lua','node','tclsh','sh','bash','dash'";

    public static IReadOnlyList<(string Rule, string Sql)> For(StoreDialect dialect)
    {
        var mysql = dialect == StoreDialect.MySql;
        var basename = mysql ? "SUBSTRING_INDEX(p.command, '/', -1)" : "replace(p.command, rtrim(p.command, replace(p.command, '/', '')), '')";
        string Plus10Minutes(string time) => mysql ? $"{time} + INTERVAL 10 MINUTE" : $"strftime('%Y-%m-%d %H:%M:%f', {time}, '+10 minutes')";
        const string ircPort = "(n.destport BETWEEN 6660 AND 6670 OR n.destport IN (6697, 7000))";
        var bot = $"""
            SELECT COUNT(*) FROM psinfo p JOIN netinfo n ON n.hostid = p.hostid AND n.pid = p.pid
            WHERE p.username IN ({Daemons}) AND {basename} IN ({Interpreters})
              AND (p.cwd IN ('/tmp', '/var/tmp', '/dev/shm') OR p.cwd LIKE '/tmp/%' OR p.cwd LIKE '/var/tmp/%' OR p.cwd LIKE '/dev/shm/%'
                OR p.exe LIKE '/tmp/%' OR p.exe LIKE '/var/tmp/%' OR p.exe LIKE '/dev/shm/%'
                OR p.arguments LIKE '%/tmp/%' OR p.arguments LIKE '%/var/tmp/%' OR p.arguments LIKE '%/dev/shm/%')
              AND {ircPort} AND n.destip NOT LIKE '10.20.%'
              AND n.created >= p.created AND n.created <= {Plus10Minutes("p.created")}
              AND (p.destroyed IS NULL OR n.created <= p.destroyed)
            """;
        var flood = $"""
            SELECT COUNT(*) FROM (
              SELECT n.endpointinfo FROM netinfo n JOIN netinfo b ON b.hostid = n.hostid AND b.pid = n.pid
                AND b.created >= n.created AND b.created <= {Plus10Minutes("n.created")}
                AND (b.destport BETWEEN 6660 AND 6670 OR b.destport IN (6697, 7000))
              WHERE {ircPort}
              GROUP BY n.endpointinfo HAVING COUNT(*) >= 5) windows
            """;
        return [("LUARM-IRC-001", bot), ("LUARM-IRC-002", flood)];
    }

    /// <summary>Runs each detection once: its answer and its milliseconds.</summary>
    public static async Task<IReadOnlyList<(string Rule, long Matches, double Ms)>> RunAsync(FactStore store)
    {
        var sql = new SqlQuery(store);
        var results = new List<(string, long, double)>();
        foreach (var (rule, text) in For(store.Dialect))
        {
            var clock = Stopwatch.StartNew();
            var result = await sql.RunAsync(text);
            results.Add((rule, Convert.ToInt64(result.Rows[0][0], CultureInfo.InvariantCulture), clock.Elapsed.TotalMilliseconds));
        }
        return results;
    }
}
