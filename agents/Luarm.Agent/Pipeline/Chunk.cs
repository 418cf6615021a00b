namespace Luarm.Agent.Pipeline;

/// <summary>Rows of one table, appended in one all-or-nothing call: the unit of upload and of the spool.</summary>
internal sealed record Chunk(RowKind Kind, IReadOnlyList<object> Rows)
{
    /// <summary>Groups rows by table, keeping their order within each, tables in vocabulary order (facts before ends).</summary>
    public static IReadOnlyList<Chunk> Split(IEnumerable<object> rows) =>
        [.. rows.GroupBy(row => RowKind.Of(row.GetType()))
            .OrderBy(group => group.Key.Order)
            .Select(group => new Chunk(group.Key, group.ToList()))];
}
