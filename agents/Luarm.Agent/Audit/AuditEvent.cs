namespace Luarm.Agent.Audit;

/// <summary>The records of one audit event (one serial), in arrival order.</summary>
internal sealed class AuditEvent(ulong serial, DateTime time)
{
    private readonly List<AuditRecord> _records = [];

    public ulong Serial { get; } = serial;
    public DateTime Time { get; } = time;
    public IReadOnlyList<AuditRecord> Records => _records;

    /// <summary>Characters of values held, which bounds what one event may cost.</summary>
    public long Size { get; private set; }

    public AuditRecord? Syscall => First(AuditRecordType.Syscall);

    public void Add(AuditRecord record)
    {
        _records.Add(record);
        foreach (var (key, value) in record.Fields)
        {
            Size += key.Length + value.Length;
        }
    }

    public AuditRecord? First(ushort type) => _records.Find(record => record.Type == type);

    public IEnumerable<AuditRecord> All(ushort type) => _records.Where(record => record.Type == type);
}
