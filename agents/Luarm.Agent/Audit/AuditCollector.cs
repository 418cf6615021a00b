using System.Text;
using Luarm.Agent.Files;
using Luarm.Agent.Host;
using Luarm.Agent.Interop;
using Luarm.Agent.Pipeline;
using Luarm.Agent.Processes;
using Luarm.Store.Health;
using Microsoft.Extensions.Logging;

namespace Luarm.Agent.Audit;

/// <summary>
/// Processes, endpoints and file opens from the kernel's audit netlink, the
/// interface auditd uses: each exec, connect/accept/send with an address, and
/// open under a watched directory (denied ones included) is one event of
/// records assembled by serial into facts. The kernel's lost counter is read
/// every <see cref="LossCheckEvery"/>; an increase is logged and appended as an
/// <see cref="AgentLoss"/> row.
/// </summary>
/// <param name="kinds">The fact kinds recorded: process, endpoint, file.</param>
/// <param name="execs">Where each exec's image is also left for the process collector's fork rows.</param>
public sealed class AuditCollector(FileWatchOptions files, UserNames users, ILogger logger, IReadOnlySet<string> kinds, ExecImages? execs = null) : ICollector
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(200);

    /// <summary>How long the reader lets records gather once the first is there: an exec's records come in one wake.</summary>
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan LossCheckEvery = TimeSpan.FromSeconds(5);
    private readonly AuditAssembler _assembler = new();
    private readonly AuditFacts _facts = new(new PathFilter(files.WatchPaths, files.ExcludedPaths), users, kinds, execs);
    private readonly PamSessions? _sessions = kinds.Contains("login") ? new PamSessions(users) : null;
    private AuditSource? _source;
    private uint _lost;

    public string Name => "audit";

    /// <summary>True when the audit netlink answers a status request here (root, not a container without CAP_AUDIT_CONTROL).</summary>
    public static bool IsAvailable()
    {
        try
        {
            using var socket = NetlinkSocket.Open(NetlinkSocket.NETLINK_AUDIT, 0, 64 << 10);
            AuditNetlink.Status(socket);
            return true;
        }
        catch (KernelCallException)
        {
            return false;
        }
    }

    public void Open()
    {
        _source = AuditSource.Open(files.WatchPaths.Where(Directory.Exists).Select(Path.GetFullPath));
        _lost = _source.Lost();
        logger.LogInformation("audit: reading records {Mode}", _source.SharedWithAuditd
            ? "from the read-only multicast group next to the running auditd"
            : "as the registered audit reader (no auditd runs)");
    }

    public void Run(IFactSink sink, CancellationToken cancel)
    {
        var source = _source ?? throw new InvalidOperationException("Open the audit collector before running it");
        var buffer = new byte[64 * 1024];
        var nextLossCheck = DateTime.UtcNow + LossCheckEvery;
        var drained = DateTime.MinValue;
        while (!cancel.IsCancellationRequested)
        {
            int received;
            var overflowed = false;
            try
            {
                received = source.Records.Receive(buffer, PollEvery, Gather);
            }
            catch (KernelCallException overrun) when (overrun.Errno == Libc.ENOBUFS)
            {
                logger.LogWarning("audit records lost: the agent's socket buffer overflowed");
                (received, overflowed) = (0, true);
            }
            var now = DateTime.UtcNow;
            // Drained: nothing in the socket, and, when an event would be completed without its EOE, nothing left in the
            // kernel's queue either: kauditd, starved on a loaded host, can hold an exec's EXECVE and CWD for over a second.
            if (received == 0 && !overflowed && (!_assembler.Overdue(now) || KernelQueueEmpty(source)))
            {
                drained = now;
            }
            // One record per datagram; its nlmsg_len counts the text only (a kernel quirk kept for auditd), so the datagram's size is the truth.
            if (received > NetlinkMessages.HeaderLength && BitConverter.ToUInt16(buffer, 4) is var type
                && (type is >= 1300 and < 2100 || (_sessions is not null && PamSessions.Reads(type))))
            {
                Handle(type, Encoding.UTF8.GetString(buffer, NetlinkMessages.HeaderLength, received - NetlinkMessages.HeaderLength).TrimEnd('\0', '\n'), now, sink);
            }
            Emit(_assembler.Expire(now, drained), sink);
            if (now >= nextLossCheck)
            {
                CheckLoss(source, sink, now);
                nextLossCheck = now + LossCheckEvery;
            }
        }
    }

    public void Dispose() => _source?.Dispose();

    private void Handle(ushort type, string text, DateTime now, IFactSink sink)
    {
        if (AuditRecord.Parse(type, text) is not { } record)
        {
            return;
        }
        if (_sessions is not null && PamSessions.Reads(type))
        {
            // A user-space record is a whole event: no EOE follows it.
            Add(() => _sessions.Of(record), record.Serial, sink);
            return;
        }
        Emit(_assembler.Add(record, now), sink);
    }

    private void Emit(IReadOnlyList<AuditEvent> events, IFactSink sink)
    {
        foreach (var auditEvent in events)
        {
            Add(() => _facts.Of(auditEvent), auditEvent.Serial, sink);
        }
    }

    /// <summary>A broken event is logged and skipped: one hostile record must not stop the collector.</summary>
    private void Add(Func<IEnumerable<object>> facts, ulong serial, IFactSink sink)
    {
        try
        {
            foreach (var fact in facts().ToArray())
            {
                sink.Add(fact);
            }
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            logger.LogWarning("audit event {Serial} skipped: {Reason}", serial, failure.Message);
        }
    }

    private bool KernelQueueEmpty(AuditSource source)
    {
        try
        {
            return source.Queued() == 0;
        }
        catch (KernelCallException failure)
        {
            logger.LogDebug("audit backlog unreadable: {Reason}", failure.Message);
            return true;
        }
    }

    private void CheckLoss(AuditSource source, IFactSink sink, DateTime now)
    {
        uint lost;
        try
        {
            lost = source.Lost();
        }
        catch (KernelCallException failure)
        {
            logger.LogWarning("audit lost counter unreadable: {Reason}", failure.Message);
            return;
        }
        if (lost != _lost)
        {
            var dropped = unchecked(lost - _lost);
            _lost = lost;
            logger.LogWarning("audit: the kernel lost {Lost} record(s) (backlog full or reader too slow)", dropped);
            sink.Add(new AgentLoss { Source = "audit", Lost = dropped, Created = now });
        }
    }
}
