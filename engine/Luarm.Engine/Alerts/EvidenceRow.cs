using Luarm.Store.Alerts;
using Luarm.Store.Vocabulary;

namespace Luarm.Engine.Alerts;

/// <summary>One evidence reference of an alert with the fact row it points to, read back from the store.</summary>
/// <param name="Table">The table's shape, or null when the table is not part of the fact vocabulary.</param>
/// <param name="Row">A <c>ProcessFact</c>, <c>EndpointFact</c>, ... or null when the row is gone.</param>
public sealed record EvidenceRow(Evidence Reference, FactTable? Table, object? Row)
{
    /// <summary>The row's columns and values, id first; empty when the row could not be read.</summary>
    public IEnumerable<KeyValuePair<string, object?>> Fields
    {
        get
        {
            if (Table is null || Row is null)
            {
                yield break;
            }
            yield return new(Table.IdColumn, Reference.FactId);
            foreach (var column in Table.Columns)
            {
                yield return new(column.Name, column.Read(Row));
            }
        }
    }
}
