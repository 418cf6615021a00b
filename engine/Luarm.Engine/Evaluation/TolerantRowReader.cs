using System.Data;
using Dapper;
using Luarm.Store.Access;
using Luarm.Store.Vocabulary;

namespace Luarm.Engine.Evaluation;

/// <summary>
/// Reads a range of rows in one query; when one of them cannot be mapped (a
/// timestamp that is not a time, a number out of range), reads that range again
/// row by row and leaves out only the bad rows, described in
/// <see cref="Unreadable"/>, so one bad row never stops the engine.
/// </summary>
internal sealed class TolerantRowReader(FactStore store)
{
    private readonly List<string> _unreadable = [];

    /// <summary>"table id: why", one per row left out.</summary>
    public IReadOnlyList<string> Unreadable => _unreadable;

    /// <param name="where">The range condition on <paramref name="table"/>, ordered by id and limited by the caller's arguments.</param>
    public async Task<RowBatch> ReadAsync(FactTable table, string where, object arguments, CancellationToken cancel)
    {
        var sql = $"SELECT {table.SelectList} FROM {table.Name} WHERE {where} ORDER BY {table.IdColumn} LIMIT @limit";
        try
        {
            var rows = await store.RunAsync(async connection =>
                (await connection.QueryAsync(table.RowType, new CommandDefinition(sql, arguments, cancellationToken: cancel))).AsList(), cancel);
            return new RowBatch(rows!, rows.Count, rows.Count == 0 ? 0 : table.ReadId(rows[^1]!));
        }
        catch (Exception error) when (IsUnmappable(error))
        {
            return await ReadOneByOneAsync(table, where, arguments, cancel);
        }
    }

    private async Task<RowBatch> ReadOneByOneAsync(FactTable table, string where, object arguments, CancellationToken cancel)
    {
        var ids = (await store.RunAsync(connection => connection.QueryAsync<long>(new CommandDefinition(
            $"SELECT {table.IdColumn} FROM {table.Name} WHERE {where} ORDER BY {table.IdColumn} LIMIT @limit", arguments, cancellationToken: cancel)), cancel)).AsList();
        var rows = new List<object>();
        foreach (var id in ids)
        {
            try
            {
                rows.Add(await store.RunAsync(connection => connection.QuerySingleAsync(table.RowType, new CommandDefinition(
                    $"SELECT {table.SelectList} FROM {table.Name} WHERE {table.IdColumn} = @id", new { id }, cancellationToken: cancel)), cancel));
            }
            catch (Exception error) when (IsUnmappable(error))
            {
                _unreadable.Add($"{table.Name} {table.IdColumn}={id}: {error.Message}");
            }
        }
        return new RowBatch(rows, ids.Count, ids.Count == 0 ? 0 : ids[^1]);
    }

    private static bool IsUnmappable(Exception error) =>
        error is DataException or FormatException or InvalidCastException or OverflowException;
}
