using Dapper;
using Luarm.Rules.Model;
using Luarm.Store.Access;

namespace Luarm.Rules.Fixtures;

/// <summary>
/// Reads a time range of one host's fact rows from the store, so an incident can be
/// written to a fixture file and become a rule test (<c>luarm rules record</c>).
/// </summary>
public sealed class FixtureRecorder(FactStore store)
{
    /// <summary>Every fact of the host created in [from, to], earliest first.</summary>
    public async Task<IReadOnlyList<object>> ReadAsync(int hostId, DateTime from, DateTime to, CancellationToken cancel = default)
    {
        var facts = new List<object>();
        foreach (var kind in FactKind.All)
        {
            var table = kind.Table;
            var sql = $"SELECT {table.SelectList} FROM {table.Name} WHERE hostid = @hostId AND created >= @from AND created <= @to ORDER BY {table.IdColumn}";
            var parameters = new { hostId, from = Bound(from), to = Bound(to) };
            var rows = await store.RunAsync(async connection =>
                await connection.QueryAsync(kind.RowType, new CommandDefinition(sql, parameters, cancellationToken: cancel)));
            facts.AddRange(rows.OfType<object>());
        }
        return facts.OrderBy(f => FactKind.Of(f.GetType()).Created.Read(f)).ToArray();
    }

    /// <summary>SQLite keeps times as sortable text, so the bound is compared as that text.</summary>
    private object Bound(DateTime time) => store.Dialect == StoreDialect.Sqlite ? StoreTime.ToText(time) : StoreTime.ToUtc(time);
}
