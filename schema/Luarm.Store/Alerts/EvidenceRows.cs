using Luarm.Store.Access;
using Luarm.Store.Errors;
using Luarm.Store.Vocabulary;

namespace Luarm.Store.Alerts;

/// <summary>
/// The fact rows an alert points at, read whole from their tables, so an
/// examiner sees the evidence without writing the join.
/// </summary>
public sealed class EvidenceRows(FactStore store)
{
    /// <summary>One result per table, its rows in id order; tables outside the fact vocabulary are refused.</summary>
    public async Task<IReadOnlyList<(string Table, SqlResult Rows)>> ReadAsync(IEnumerable<Evidence> evidence, CancellationToken cancel = default)
    {
        var results = new List<(string, SqlResult)>();
        foreach (var group in evidence.GroupBy(e => e.FactTable).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var table = FactTables.Appendable.FirstOrDefault(t => t.Name == group.Key)
                ?? throw new StoreException($"alert evidence names table '{group.Key}', which is not a fact table");
            var ids = string.Join(", ", group.Select(e => e.FactId).Distinct().Order());
            var rows = await new SqlQuery(store).RunAsync($"SELECT * FROM {table.Name} WHERE {table.IdColumn} IN ({ids}) ORDER BY {table.IdColumn}", cancel);
            results.Add((table.Name, rows));
        }
        return results;
    }
}
