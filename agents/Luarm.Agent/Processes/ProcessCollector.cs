using System.Diagnostics;
using Luarm.Agent.Host;
using Luarm.Agent.Interop;
using Luarm.Agent.Pipeline;
using Luarm.Store.Ends;
using Luarm.Store.Facts;
using Microsoft.Extensions.Logging;

namespace Luarm.Agent.Processes;

/// <summary>
/// Processes from the netlink process connector, after a snapshot of what already
/// runs (origin "running"): a <see cref="ProcessFact"/> per exec (details read from
/// /proc at once, origin "exec"), per fork that does not exec (the inherited image,
/// origin "fork", see <see cref="PendingForks"/>) and per name a process gives
/// itself (origin "rename"), and a <see cref="ProcessEnd"/> for each when the
/// process execs again or exits.
/// When the audit collector records execs (<paramref name="auditExecs"/> given),
/// execs are left to it and a fork inherits the image audit recorded; an exit of
/// such a pid then names no start time, so the store closes the pid's newest
/// running row, whichever source made it.
/// </summary>
public sealed class ProcessCollector(UserNames users, ILogger logger, ExecImages? auditExecs = null) : ICollector
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a fork row waits for audit's record of the parent's exec (its inherited image).</summary>
    private static readonly TimeSpan AuditLag = TimeSpan.FromSeconds(1);

    /// <summary>
    /// With audit recording execs, events gather this long once the first is there, so a process's fork, exec and
    /// exit are read in one wake. Without it the exec event is the cue to read /proc before the process is gone: no wait.
    /// </summary>
    private readonly TimeSpan _gather = auditExecs is null ? TimeSpan.Zero : TimeSpan.FromMilliseconds(10);

    /// <summary>Datagrams read per batch: bounds the look-ahead (and the delay of the batch's rows).</summary>
    private const int BatchLimit = 512;

    /// <summary>Renames recorded per image: a process renaming itself in a loop must not flood psinfo.</summary>
    private const int MaxRenames = 16;

    private readonly ProcessLifetimes _lifetimes = new();
    private readonly PendingForks _forks = new();
    private readonly Dictionary<int, (ProcessFact Image, int Renames)> _images = [];
    private readonly List<Held> _held = [];

    /// <summary>
    /// The newest name taken by each pid whose exec audit has not delivered yet (audit mode), retried until
    /// <see cref="AuditLag"/> has passed: one entry per pid, so a process renaming itself in a loop costs one.
    /// </summary>
    private readonly Dictionary<int, (string Name, DateTime At)> _renamesAwaitingImage = [];
    private NetlinkSocket? _socket;
    private List<ProcessFact> _snapshot = [];

    public string Name => "process";

    /// <summary>Listens, then takes the snapshot of running processes: one started meanwhile is seen by one or the other.</summary>
    public void Open()
    {
        _socket = ProcConnector.Listen();
        foreach (var pid in ProcFs.Pids())
        {
            if (ProcFs.Read(pid) is { } running)
            {
                var created = running.StartTicks is { } ticks ? KernelClock.FromBootTicks(ticks) : DateTime.UtcNow;
                _lifetimes.Started(pid, created);
                var fact = ToFact(running, created, "running");
                _images[pid] = (fact, 0);
                _snapshot.Add(fact);
            }
        }
    }

    public void Run(IFactSink sink, CancellationToken cancel)
    {
        var socket = _socket ?? throw new InvalidOperationException("Open the process collector before running it");
        foreach (var running in _snapshot)
        {
            sink.Add(running);
        }
        _snapshot = [];
        var buffer = new byte[8192];
        while (!cancel.IsCancellationRequested)
        {
            var batch = ReadBatch(socket, buffer, _held.Count > 0 || _forks.Count > 0 || _renamesAwaitingImage.Count > 0 ? PendingForks.Grace / 2 : PollEvery);
            // Rows read before this batch arrived are kept unless the batch shows the pid exec'ed again before the read.
            DropRacedImages(batch);
            foreach (var held in _held)
            {
                sink.Add(held.Row);
            }
            _held.Clear();
            for (var i = 0; i < batch.Count; i++)
            {
                Handle(batch, i);
            }
            foreach (var child in _forks.Due())
            {
                if (AwaitsAuditImage(child) is { } waiting)
                {
                    _forks.Postpone(child, waiting);
                    continue;
                }
                ReleaseFork(child);
            }
            RetryRenames();
        }
    }

    public void Dispose() => _socket?.Dispose();

    /// <summary>Every event queued now (waiting up to <paramref name="wait"/> for the first).</summary>
    private List<ProcEvent> ReadBatch(NetlinkSocket socket, byte[] buffer, TimeSpan wait)
    {
        var batch = new List<ProcEvent>();
        for (var datagrams = 0; datagrams < BatchLimit; datagrams++)
        {
            int received;
            try
            {
                received = datagrams == 0 ? socket.Receive(buffer, wait, _gather) : socket.Receive(buffer, TimeSpan.Zero);
            }
            catch (KernelCallException overrun) when (overrun.Errno == Libc.ENOBUFS)
            {
                logger.LogWarning("process events lost: the kernel's queue for the agent overflowed");
                continue;
            }
            if (received == 0)
            {
                break;
            }
            var messages = NetlinkMessages.Read(buffer.AsSpan(0, received));
            while (messages.TryRead(out var message))
            {
                if (ProcConnector.TryParse(message.Payload, out var processEvent) && processEvent.IsProcess)
                {
                    batch.Add(processEvent);
                }
            }
        }
        return batch;
    }

    private void Handle(List<ProcEvent> batch, int index)
    {
        var processEvent = batch[index];
        var pid = processEvent.ProcessId;
        var at = KernelClock.FromMonotonic(processEvent.MonotonicNanoseconds);
        switch (processEvent.Kind)
        {
            case ProcEventKind.Fork:
                _lifetimes.Forked(pid, processEvent.ParentId);
                _forks.Add(pid, new Fork(processEvent.ParentId, at, _images.TryGetValue(processEvent.ParentId, out var parent) ? parent.Image : auditExecs?.At(processEvent.ParentId, at)));
                break;
            case ProcEventKind.Exec when auditExecs is not null:
                // The audit row of the new image is the pid's newest: its exit closes that one.
                _forks.Take(pid);
                End(pid, at);
                // The image it replaced is not what the pid's later forks inherit: audit's record of the new one is.
                _images.Remove(pid);
                break;
            case ProcEventKind.Exec:
                // The fork's row would only repeat the parent's image: the exec's row describes the child.
                _forks.Take(pid);
                // A new program in the same pid ends the previous image's rows.
                End(pid, at);
                // /proc already shows the later image when the pid exec'ed again: its argv must not be recorded as this one's.
                var superseded = batch.Skip(index + 1).Any(e => e.Kind == ProcEventKind.Exec && e.ProcessId == pid);
                var image = superseded ? null : ProcFs.Read(pid);
                var fact = image is not null ? ToFact(image, at, "exec") : Vanished(pid, at);
                if (superseded)
                {
                    logger.LogDebug("pid {Pid} exec'ed again before its image could be read: its row has no argv", pid);
                }
                Start(fact);
                break;
            case ProcEventKind.Comm when AwaitsAuditImage(pid) is { } waiting:
                _forks.Postpone(pid, waiting with { Renamed = (processEvent.Comm ?? "", at) });
                break;
            case ProcEventKind.Comm:
                ReleaseFork(pid);
                Rename(pid, processEvent.Comm ?? "", at);
                break;
            case ProcEventKind.Exit:
                ReleaseFork(pid);
                _renamesAwaitingImage.Remove(pid);
                // Only processes the agent recorded get an end: an unknown pid would close someone else's row.
                // Audit's exec row is closed as the pid's newest open row, after the row of a name it took (ended by its start).
                var imageFromAudit = auditExecs is not null && !_lifetimes.StartedHere(pid);
                End(pid, at);
                if (imageFromAudit)
                {
                    Hold(new ProcessEnd { Pid = pid, Destroyed = at });
                }
                auditExecs?.Exited(pid, at);
                _lifetimes.Forgotten(pid);
                _images.Remove(pid);
                break;
        }
    }

    /// <summary>Renames whose audit image has come since are recorded; the others wait on, up to <see cref="AuditLag"/> after the rename.</summary>
    private void RetryRenames()
    {
        if (_renamesAwaitingImage.Count == 0)
        {
            return;
        }
        var waiting = _renamesAwaitingImage.ToArray();
        _renamesAwaitingImage.Clear();
        foreach (var (pid, (name, at)) in waiting)
        {
            Rename(pid, name, at);
        }
    }

    /// <summary>Blanks a held exec row whose /proc read came after a later exec of the same pid (the read then showed that image).</summary>
    private void DropRacedImages(List<ProcEvent> batch)
    {
        foreach (var held in _held)
        {
            if (held.Row is ProcessFact { Origin: "exec" } fact && batch.Any(e => e.Kind == ProcEventKind.Exec && e.ProcessId == fact.Pid && e.MonotonicNanoseconds <= held.ReadAt))
            {
                logger.LogDebug("pid {Pid} exec'ed again while its image was read: its row has no argv", fact.Pid);
                (fact.Command, fact.Arguments, fact.Exe, fact.Cwd) = ("", "", null, null);
            }
        }
    }

    /// <summary>
    /// The pending fork of <paramref name="child"/> while it still lacks its parent's image and audit's
    /// record of the parent's exec may yet come (the two collectors read the kernel apart, and under
    /// load audit's can be later than the child's rename); null once it has it or waited <see cref="AuditLag"/>.
    /// </summary>
    private Fork? AwaitsAuditImage(int child)
    {
        if (auditExecs is null || _forks.Peek(child) is not { } fork || fork.Inherited is not null)
        {
            return null;
        }
        if (auditExecs.At(fork.Parent, fork.At) is not null)
        {
            return null;
        }
        return DateTime.UtcNow - fork.At < AuditLag ? fork : null;
    }

    /// <summary>Records the pending fork of <paramref name="child"/>, if any, with the image it inherited, and a name it took meanwhile.</summary>
    private void ReleaseFork(int child)
    {
        if (_forks.Take(child) is not { } fork)
        {
            return;
        }
        // Audit's record of the parent's exec may have come in after the fork's event.
        var inherited = fork.Inherited ?? auditExecs?.At(fork.Parent, fork.At);
        var own = ProcFs.Read(child);
        Start(new ProcessFact
        {
            Pid = child,
            Ppid = fork.Parent,
            // The parent's argv, not the child's /proc cmdline: a child may rewrite it at once ($0 = ...), which its rename row records.
            Command = inherited?.Command ?? own?.Command ?? "",
            Arguments = inherited?.Arguments ?? own?.Arguments ?? "",
            Exe = own?.Exe ?? inherited?.Exe,
            Cwd = own?.Cwd ?? inherited?.Cwd,
            Uid = own?.Uid ?? inherited?.Uid,
            Username = (own?.Uid ?? inherited?.Uid) is { } uid ? users.Of(uid) : "",
            LoginUid = own is null ? inherited?.LoginUid : own.Login.LoginUid,
            LoginName = own is null ? inherited?.LoginName : own.Login.NameIn(users),
            SessionId = own is null ? inherited?.SessionId : own.Login.SessionId,
            Origin = "fork",
            Created = auditExecs is null ? fork.At : OnAuditClock(fork.At),
        });
        if (fork.Renamed is { } renamed)
        {
            Rename(child, renamed.Name, renamed.At);
        }
    }

    /// <summary>A row for the name the process gave itself, with its image's other details; it ends the previous name's row.</summary>
    private void Rename(int pid, string name, DateTime at)
    {
        if (!_images.TryGetValue(pid, out var current))
        {
            // In audit mode an exec'ed image is audit's: a process that renames itself without forking ($0 = "crond").
            if (auditExecs?.At(pid, at) is not { } audited)
            {
                if (auditExecs is not null && DateTime.UtcNow - at < AuditLag)
                {
                    _renamesAwaitingImage[pid] = (name, at);
                }
                return;
            }
            current = (audited, 0);
            _images[pid] = current;
        }
        if (current.Image.Command == name || Path.GetFileName(current.Image.Command) == name)
        {
            return;
        }
        if (current.Renames >= MaxRenames)
        {
            logger.LogDebug("pid {Pid} renamed itself more than {Max} times: later names are not recorded", pid, MaxRenames);
            return;
        }
        _images[pid] = (current.Image, current.Renames + 1);
        var image = current.Image;
        if (_lifetimes.Renamed(pid, at) is { } previous)
        {
            Hold(new ProcessEnd { Pid = pid, Created = previous, Destroyed = at });
        }
        Hold(new ProcessFact
        {
            Pid = pid,
            Ppid = image.Ppid,
            Uid = image.Uid,
            Username = image.Username,
            Command = name,
            Arguments = image.Arguments,
            Exe = image.Exe,
            Cwd = image.Cwd,
            LoginUid = image.LoginUid,
            LoginName = image.LoginName,
            SessionId = image.SessionId,
            Origin = "rename",
            Created = at,
        });
    }

    private void Start(ProcessFact fact)
    {
        _lifetimes.Started(fact.Pid, fact.Created);
        _images[fact.Pid] = (fact, 0);
        Hold(fact);
    }

    /// <summary>Ends the pid's open rows; returns how many.</summary>
    private int End(int pid, DateTime at)
    {
        var ended = 0;
        foreach (var created in _lifetimes.Ended(pid))
        {
            Hold(new ProcessEnd { Pid = pid, Created = created, Destroyed = at });
            ended++;
        }
        return ended;
    }

    /// <summary>Rows wait for the next batch, which may show that the image read for them was a later one.</summary>
    private void Hold(object row) => _held.Add(new Held(row, MonotonicNow()));

    /// <summary>
    /// A fork's time as audit would date it: audit stamps the child's later calls (its connect) with the
    /// coarse wall clock, up to one tick early, in whole milliseconds; dated a tick earlier and floored,
    /// the fork row is never after what the child does next (measured: a connect stamped 2 ms before the fork).
    /// </summary>
    private static DateTime OnAuditClock(DateTime at)
    {
        var early = at - KernelClock.CoarseStep;
        return new DateTime(early.Ticks - (early.Ticks % TimeSpan.TicksPerMillisecond), at.Kind);
    }

    private static ulong MonotonicNow() => (ulong)(Stopwatch.GetTimestamp() * (1_000_000_000.0 / Stopwatch.Frequency));

    private ProcessFact ToFact(ProcessImage image, DateTime created, string origin) => new()
    {
        Pid = image.Pid,
        // A task already exiting still has its /proc entry but reports PPid 0 there; its fork event knew the parent.
        Ppid = image.Ppid != 0 ? image.Ppid : _lifetimes.ParentOf(image.Pid) ?? 0,
        Uid = image.Uid,
        Username = image.Uid is { } uid ? users.Of(uid) : "",
        Command = image.Command,
        Arguments = image.Arguments,
        Exe = image.Exe,
        Cwd = image.Cwd,
        LoginUid = image.Login.LoginUid,
        LoginName = image.Login.NameIn(users),
        SessionId = image.Login.SessionId,
        Origin = origin,
        Created = created,
    };

    /// <summary>
    /// A process that exited before /proc could be read: what the events gave
    /// (pid, parent from its fork, time) with empty command and unknown user, exe and cwd.
    /// </summary>
    private ProcessFact Vanished(int pid, DateTime created) => new()
    {
        Pid = pid,
        Ppid = _lifetimes.ParentOf(pid) ?? 0,
        Origin = "exec",
        Created = created,
    };

    private readonly record struct Held(object Row, ulong ReadAt);
}
