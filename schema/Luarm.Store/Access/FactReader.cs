using Dapper;
using Luarm.Store.Vocabulary;

namespace Luarm.Store.Access;

/// <summary>Reads rows appended after a watermark, in id order: how the engine catches up.</summary>
public sealed class FactReader(FactStore store)
{
    public Task<IReadOnlyList<T>> ReadAfterAsync<T>(long afterId, int limit, CancellationToken cancel = default)
    {
        var table = FactTable.Of<T>();
        var sql = $"SELECT {table.SelectList} FROM {table.Name} WHERE {table.IdColumn} > @afterId ORDER BY {table.IdColumn} LIMIT @limit";
        return store.RunAsync<IReadOnlyList<T>>(async connection =>
            (await connection.QueryAsync<T>(new CommandDefinition(sql, new { afterId, limit }, cancellationToken: cancel))).AsList(),
            cancel);
    }
}
