using System.Net;
using Luarm.Store.Facts;
using NRules.Fluent.Dsl;
using NRules.RuleModel;

namespace Luarm.Benchmarks.RuleSets;

/// <summary>
/// LUARM-IRC-001 (rules/irc-bot.yaml, with the lists and macros it uses) written
/// by hand in NRules' fluent DSL, as an engineer would without the rule language:
/// a daemon account's interpreter run from a world-writable directory, then a
/// connection of the same host and pid to an IRC port, not before the process,
/// at most 10 minutes after it and not after it ended; the ops bridge excepted.
/// Like the compiled rule, a match fires once.
/// </summary>
[Name("LUARM-IRC-001, hand-written")]
[Repeatability(RuleRepeatability.NonRepeatable)]
public sealed class HandWrittenIrcBotRule : Rule
{
    private static readonly HashSet<string> DaemonUsers = new(
        ["nobody", "nfsnobody", "www-data", "apache", "httpd", "nginx", "daemon", "mysql", "postgres", "tomcat", "redis", "_www"],
        StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> Interpreters = new(
        ["perl", "python", "python2", "python3", "ruby", "php", "php-cgi", "lua", "node", "tclsh", "sh", "bash", "dash"],
        StringComparer.OrdinalIgnoreCase);

    private static readonly string[] WorldWritableDirs = ["/tmp", "/var/tmp", "/dev/shm"];
    private static readonly string[] WorldWritablePrefixes = ["/tmp/", "/var/tmp/", "/dev/shm/"];
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    private static readonly IPNetwork OpsBridge = IPNetwork.Parse("10.20.0.0/16");

    public override void Define()
    {
        ProcessFact proc = null!;
        EndpointFact conn = null!;
        IrcBotMatches matches = null!;

        Dependency()
            .Resolve(() => matches);

        When()
            .Match(() => proc,
                p => DaemonUsers.Contains(p.Username),
                p => Interpreters.Contains(Path.GetFileName(p.Command)),
                p => RunsFromWorldWritable(p))
            .Match(() => conn,
                c => IsIrcPort(c.DestPort),
                c => !IsOpsBridge(c.DestIp),
                c => c.HostId == proc.HostId && c.Pid == proc.Pid,
                c => c.Created >= proc.Created && c.Created <= proc.Created + Window,
                c => proc.Destroyed == null || c.Created <= proc.Destroyed);

        Then()
            .Do(_ => matches.Add(proc, conn));
    }

    private static bool RunsFromWorldWritable(ProcessFact process) =>
        (process.Cwd is { } cwd && (WorldWritableDirs.Contains(cwd, StringComparer.OrdinalIgnoreCase) || StartsWithAny(cwd)))
        || (process.Exe is { } exe && StartsWithAny(exe))
        || WorldWritablePrefixes.Any(prefix => process.Arguments.Contains(prefix, StringComparison.OrdinalIgnoreCase));

    private static bool StartsWithAny(string path) =>
        WorldWritablePrefixes.Any(prefix => path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    private static bool IsIrcPort(int port) => port is (>= 6660 and <= 6670) or 6697 or 7000;

    private static bool IsOpsBridge(string address) => IPAddress.TryParse(address, out var ip) && OpsBridge.Contains(ip);
}
