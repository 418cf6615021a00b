using Luarm.Store.Access;

namespace Luarm.Agent.Pipeline;

/// <summary>
/// Rows of one table, appended in one all-or-nothing call under one batch id:
/// the unit of upload and of the spool. The batch id stays with the rows, in the
/// spool too, so a retry or replay of rows already committed stores nothing twice.
/// </summary>
internal sealed record Chunk(RowKind Kind, IReadOnlyList<object> Rows, UploadBatch Batch)
{
    /// <summary>Groups rows by table, keeping their order within each, tables in vocabulary order (facts before ends); each group gets the next batch id.</summary>
    public static IReadOnlyList<Chunk> Split(IEnumerable<object> rows, Func<UploadBatch> nextBatch) =>
        [.. rows.GroupBy(row => RowKind.Of(row.GetType()))
            .OrderBy(group => group.Key.Order)
            .Select(group => new Chunk(group.Key, group.ToList(), nextBatch()))];
}
