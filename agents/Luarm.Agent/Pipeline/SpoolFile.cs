using System.Globalization;
using Luarm.Store.Access;

namespace Luarm.Agent.Pipeline;

/// <summary>
/// One spooled chunk's file, named <c>ORDER.TABLE.ROWS.BATCH.jsonl</c>: its place
/// in the replay order, its table, row count, and the batch id it is appended
/// under (unique across restarts, so names never collide).
/// </summary>
internal sealed record SpoolFile(long Order, string Table, int Rows, UploadBatch Batch, string Path)
{
    public const string Extension = ".jsonl";

    /// <summary>Files written before batch ids (ORDER.TABLE.ROWS.jsonl) replay under this agent name and their order.</summary>
    private const string LegacyAgent = "legacy";

    public string Name => string.Create(CultureInfo.InvariantCulture, $"{Order:D12}.{Table}.{Rows}.{Batch.Agent}-{Batch.Sequence}{Extension}");

    public static SpoolFile Create(long order, Chunk chunk, string folder)
    {
        var named = new SpoolFile(order, chunk.Kind.Table.Name, chunk.Rows.Count, chunk.Batch, "");
        return named with { Path = System.IO.Path.Combine(folder, named.Name) };
    }

    public static SpoolFile? TryParse(string path)
    {
        var parts = System.IO.Path.GetFileName(path).Split('.');
        if (parts.Length is not (4 or 5) || parts[^1] != Extension[1..]
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var order)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var rows))
        {
            return null;
        }
        if (parts.Length == 4)
        {
            return new SpoolFile(order, parts[1], rows, new UploadBatch(LegacyAgent, order), path);
        }
        var dash = parts[3].LastIndexOf('-');
        return dash > 0 && long.TryParse(parts[3].AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? new SpoolFile(order, parts[1], rows, new UploadBatch(parts[3][..dash], sequence), path)
            : null;
    }
}
