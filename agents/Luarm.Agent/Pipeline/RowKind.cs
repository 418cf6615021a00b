using System.Linq.Expressions;
using System.Text.Json;
using Luarm.Store.Access;
using Luarm.Store.Vocabulary;

namespace Luarm.Agent.Pipeline;

/// <summary>
/// What the uploader and spool do with one appendable row type: stamp its
/// hostid, append a list of them, and write or read them as JSON lines.
/// </summary>
internal abstract class RowKind
{
    /// <summary>Every appendable table in vocabulary order: facts, inventory, then ends, so an end follows its fact.</summary>
    public static IReadOnlyList<RowKind> All { get; } =
        [.. FactTables.Appendable.Select((table, order) => (RowKind)Activator.CreateInstance(typeof(RowKind<>).MakeGenericType(table.RowType), table, order)!)];

    private static readonly Dictionary<Type, RowKind> ByType = All.ToDictionary(kind => kind.Table.RowType);

    public abstract FactTable Table { get; }

    /// <summary>The table's place in the vocabulary; chunks are appended in this order.</summary>
    public abstract int Order { get; }

    public static RowKind Of(Type rowType) =>
        ByType.GetValueOrDefault(rowType) ?? throw new ArgumentException($"{rowType.Name} is not a row the agent can append");

    public static RowKind Named(string table) =>
        All.FirstOrDefault(kind => kind.Table.Name == table)
        ?? throw new ArgumentException($"no appendable table named {table}");

    /// <summary>Appends the rows under <paramref name="batch"/>; false when that batch was already stored.</summary>
    public abstract Task<bool> AppendOnceAsync(FactWriter writer, IReadOnlyList<object> rows, UploadBatch batch, int hostId, CancellationToken cancel);

    public abstract void WriteLines(Stream stream, IReadOnlyList<object> rows);

    public abstract List<object> ReadLines(Stream stream);
}

internal sealed class RowKind<T>(FactTable table, int order) : RowKind where T : class
{
    private static readonly JsonSerializerOptions Json = new();
    private static readonly Action<T, int> SetHostId = CompileHostIdSetter();

    public override FactTable Table { get; } = table;

    public override int Order { get; } = order;

    public override Task<bool> AppendOnceAsync(FactWriter writer, IReadOnlyList<object> rows, UploadBatch batch, int hostId, CancellationToken cancel)
    {
        var typed = new List<T>(rows.Count);
        foreach (T row in rows)
        {
            SetHostId(row, hostId);
            typed.Add(row);
        }
        return writer.AppendOnceAsync(typed, batch, hostId, cancel);
    }

    public override void WriteLines(Stream stream, IReadOnlyList<object> rows)
    {
        using var writer = new Utf8JsonWriter(stream);
        foreach (T row in rows)
        {
            JsonSerializer.Serialize(writer, row, Json);
            writer.Flush();
            writer.Reset();
            stream.WriteByte((byte)'\n');
        }
    }

    public override List<object> ReadLines(Stream stream)
    {
        using var reader = new StreamReader(stream);
        var rows = new List<object>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                rows.Add(JsonSerializer.Deserialize<T>(line, Json)
                    ?? throw new JsonException($"a null {typeof(T).Name} in the spool"));
            }
        }
        return rows;
    }

    private static Action<T, int> CompileHostIdSetter()
    {
        var row = Expression.Parameter(typeof(T), "row");
        var hostId = Expression.Parameter(typeof(int), "hostId");
        var property = typeof(T).GetProperty("HostId")
            ?? throw new InvalidOperationException($"{typeof(T).Name} has no HostId");
        return Expression.Lambda<Action<T, int>>(Expression.Assign(Expression.Property(row, property), hostId), row, hostId).Compile();
    }
}
