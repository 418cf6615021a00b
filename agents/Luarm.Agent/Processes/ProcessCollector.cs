using Luarm.Agent.Host;
using Luarm.Agent.Interop;
using Luarm.Agent.Pipeline;
using Luarm.Store.Ends;
using Luarm.Store.Facts;
using Microsoft.Extensions.Logging;

namespace Luarm.Agent.Processes;

/// <summary>
/// Process executions from the netlink process connector: a <see cref="ProcessFact"/>
/// per exec (details read from /proc at once) and a <see cref="ProcessEnd"/> when
/// the process exits, after a snapshot of what already runs. When the audit
/// collector records execs (<paramref name="recordExecs"/> false), only the
/// snapshot and exits are recorded here; an exit then names no start time, so
/// the store closes the pid's newest running row, whichever source made it.
/// </summary>
public sealed class ProcessCollector(UserNames users, ILogger logger, bool recordExecs = true) : ICollector
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(200);
    private readonly ProcessLifetimes _lifetimes = new();
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
                _snapshot.Add(ToFact(running, created));
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
            int received;
            try
            {
                received = socket.Receive(buffer, PollEvery);
            }
            catch (KernelCallException overrun) when (overrun.Errno == Libc.ENOBUFS)
            {
                logger.LogWarning("process events lost: the kernel's queue for the agent overflowed");
                continue;
            }
            var messages = NetlinkMessages.Read(buffer.AsSpan(0, received));
            while (messages.TryRead(out var message))
            {
                if (ProcConnector.TryParse(message.Payload, out var processEvent))
                {
                    Handle(processEvent, sink);
                }
            }
        }
    }

    public void Dispose() => _socket?.Dispose();

    private void Handle(ProcEvent processEvent, IFactSink sink)
    {
        if (!processEvent.IsProcess)
        {
            return;
        }
        var pid = processEvent.ProcessId;
        var at = KernelClock.FromMonotonic(processEvent.MonotonicNanoseconds);
        switch (processEvent.Kind)
        {
            case ProcEventKind.Fork:
                _lifetimes.Forked(pid, processEvent.ParentId);
                break;
            case ProcEventKind.Exec when !recordExecs:
                // The audit row of the new image is the pid's newest: its exit closes that one.
                _lifetimes.Ended(pid);
                break;
            case ProcEventKind.Exec:
                // A new program in the same pid ends the previous image's row.
                if (_lifetimes.Ended(pid) is { } previous)
                {
                    sink.Add(new ProcessEnd { Pid = pid, Created = previous, Destroyed = at });
                }
                var fact = ProcFs.Read(pid) is { } image ? ToFact(image, at) : Vanished(pid, at);
                _lifetimes.Started(pid, at);
                sink.Add(fact);
                break;
            case ProcEventKind.Exit:
                // Only processes the agent recorded get an end: an unknown pid would close someone else's row.
                if (_lifetimes.Ended(pid) is { } created)
                {
                    sink.Add(new ProcessEnd { Pid = pid, Created = created, Destroyed = at });
                }
                else if (!recordExecs)
                {
                    sink.Add(new ProcessEnd { Pid = pid, Destroyed = at });
                }
                _lifetimes.Forgotten(pid);
                break;
        }
    }

    private ProcessFact ToFact(ProcessImage image, DateTime created) => new()
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
        Created = created,
    };
}
