using System.Net.Sockets;
using Luarm.Agent.Audit;
using Luarm.Agent.Endpoints;
using Luarm.Agent.Files;
using Luarm.Agent.Host;
using Luarm.Agent.Processes;
using Luarm.Store.Facts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Luarm.Agent.Tests.Support;

/// <summary>The collectors the audit tests run, started.</summary>
public static class StartedCollectors
{
    private static readonly TimeSpan FirstPollWithin = TimeSpan.FromSeconds(10);

    /// <summary>The audit collector recording processes, endpoints and opens under <paramref name="watched"/> (exec images also into <paramref name="execs"/>).</summary>
    public static RunningCollector Audit(ILogger? logger = null, ExecImages? execs = null, params string[] watched) =>
        new(new AuditCollector(new FileWatchOptions { WatchPaths = watched }, new UserNames(), logger ?? NullLogger.Instance, new HashSet<string> { "process", "endpoint", "file" }, execs));

    /// <summary>
    /// sock_diag polled every 100 ms, returned once its first poll is done (it has recorded
    /// <paramref name="openBefore"/>, a socket open before it started): later sockets are new to it.
    /// </summary>
    public static RunningCollector SockDiag(bool auditRecordsSockets, TcpListener openBefore)
    {
        var port = ((System.Net.IPEndPoint)openBefore.LocalEndpoint).Port;
        var collector = new RunningCollector(new EndpointCollector(
            new EndpointOptions { PollInterval = TimeSpan.FromMilliseconds(100) }, new UserNames(), NullLogger.Instance, auditRecordsSockets));
        collector.Sink.WaitFor<EndpointFact>(f => f.SourcePort == port, FirstPollWithin, "the first poll");
        return collector;
    }
}
