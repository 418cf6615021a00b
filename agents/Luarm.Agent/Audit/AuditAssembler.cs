namespace Luarm.Agent.Audit;

/// <summary>
/// Groups records into events by serial. An event is complete at its EOE
/// record, or when it has waited <see cref="MaxWait"/> (a single-record event;
/// <see cref="MaxWaitWithSyscall"/> for a syscall's, whose EOE only a loss
/// takes away) and the reader has found the socket empty, and the
/// kernel's queue too, since its first record: a reader that stalled (a full
/// queue behind it), or kauditd starved on a loaded host, has not yet brought
/// the records the kernel queued meanwhile, and completing the event then
/// would cut an exec's EXECVE and CWD off its SYSCALL. Memory is bounded:
/// past <see cref="MaxPending"/> events or <see cref="MaxEventSize"/> characters
/// in one, the oldest is completed as it is, so hostile input costs a bounded amount.
/// </summary>
internal sealed class AuditAssembler
{
    public const int MaxPending = 4096;
    public const long MaxEventSize = 1 << 20;
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long an event with its SYSCALL record waits for its EOE. The kernel always ends a syscall's event with
    /// one; it comes late only when kauditd was held up (a reader's full socket moves records to its retry queue,
    /// which the backlog does not count, and kauditd resends them only when new records come), so waiting is cheap
    /// and completing early costs the exec its argv and cwd. Events without a SYSCALL yield no facts.
    /// </summary>
    public static readonly TimeSpan MaxWaitWithSyscall = TimeSpan.FromSeconds(10);

    private readonly Dictionary<ulong, (AuditEvent Event, DateTime Since)> _pending = [];
    private readonly Queue<ulong> _order = new();

    public int Pending => _pending.Count;

    /// <summary>Adds a record; returns the events it completed (EOE, or the oldest pushed out by a bound).</summary>
    public IReadOnlyList<AuditEvent> Add(AuditRecord record, DateTime now)
    {
        var completed = new List<AuditEvent>();
        if (!_pending.TryGetValue(record.Serial, out var entry))
        {
            if (record.Type == AuditRecordType.EndOfEvent)
            {
                return completed;
            }
            while (_pending.Count >= MaxPending && TakeOldest() is { } oldest)
            {
                completed.Add(oldest);
            }
            entry = (new AuditEvent(record.Serial, record.Time), now);
            _pending.Add(record.Serial, entry);
            _order.Enqueue(record.Serial);
        }
        if (record.Type == AuditRecordType.EndOfEvent || entry.Event.Size > MaxEventSize)
        {
            _pending.Remove(record.Serial);
            completed.Add(entry.Event);
            return completed;
        }
        entry.Event.Add(record);
        return completed;
    }

    /// <summary>Whether an event has waited <see cref="MaxWait"/>: the next drained socket would complete it as it is.</summary>
    public bool Overdue(DateTime now)
    {
        while (_order.TryPeek(out var serial) && !_pending.ContainsKey(serial))
        {
            _order.Dequeue();
        }
        return _order.TryPeek(out var oldest) && now - _pending[oldest].Since >= WaitFor(_pending[oldest].Event);
    }

    /// <summary>
    /// Events that waited longer than <see cref="MaxWait"/> and began before <paramref name="drained"/>,
    /// the last time the reader found nothing more to read, completed as they are.
    /// </summary>
    public IReadOnlyList<AuditEvent> Expire(DateTime now, DateTime drained)
    {
        var completed = new List<AuditEvent>();
        while (_order.TryPeek(out var serial))
        {
            if (_pending.TryGetValue(serial, out var entry) && (now - entry.Since < WaitFor(entry.Event) || entry.Since > drained))
            {
                break;
            }
            if (TakeOldest() is { } expired)
            {
                completed.Add(expired);
            }
        }
        return completed;
    }

    private static TimeSpan WaitFor(AuditEvent pending) => pending.Syscall is null ? MaxWait : MaxWaitWithSyscall;

    /// <summary>The oldest pending event (serials already completed are skipped), or null when none.</summary>
    private AuditEvent? TakeOldest()
    {
        while (_order.TryDequeue(out var serial))
        {
            if (_pending.Remove(serial, out var entry))
            {
                return entry.Event;
            }
        }
        return null;
    }
}
