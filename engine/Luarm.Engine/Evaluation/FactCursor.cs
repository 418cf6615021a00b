using Dapper;
using Luarm.Store.Access;
using Luarm.Store.Ends;
using Luarm.Store.Facts;
using Luarm.Store.Vocabulary;

namespace Luarm.Engine.Evaluation;

/// <summary>Reads a shard's rows appended after its watermarks, table by table, in id order.</summary>
internal sealed class FactCursor(FactStore store, string consumer, HostShard shard, int batchSize)
{
    /// <summary>The tables an engine follows: the four fact kinds and the two end tables.</summary>
    public static IReadOnlyList<FactTable> Tables { get; } = [.. FactTables.Facts, .. FactTables.Ends];

    /// <summary>The consumer name the shard's watermarks are kept under.</summary>
    public string Consumer { get; } = shard.ConsumerOf(consumer);

    /// <summary>The shard's stored watermarks; for a shard that has none yet, a <see cref="WatermarkSeed"/>.</summary>
    public async Task<Dictionary<string, long>> LoadWatermarksAsync(CancellationToken cancel)
    {
        var family = await store.RunAsync(async connection => (await connection.QueryAsync<StoredWatermark>(new CommandDefinition(
            "SELECT consumer, facttable, lastid FROM watermarks WHERE consumer = @consumer OR SUBSTR(consumer, 1, @length) = @prefix",
            new { consumer, length = consumer.Length + 1, prefix = consumer + "/" }, cancellationToken: cancel))).AsList(), cancel);
        var own = family.Where(mark => mark.Consumer == Consumer).ToDictionary(mark => mark.FactTable, mark => mark.LastId);
        return own.Count > 0
            ? Tables.ToDictionary(table => table.Name, table => own.GetValueOrDefault(table.Name))
            : WatermarkSeed.From(family, consumer, Tables.Select(table => table.Name));
    }

    public async Task<NewRows> ReadAsync(IReadOnlyDictionary<string, long> after, CancellationToken cancel)
    {
        var reached = new Dictionary<string, long>(after);
        var more = false;
        var facts = new List<object>();
        async Task<IReadOnlyList<T>> Read<T>()
        {
            var table = FactTable.Of<T>();
            // Bounded by the newest id first: when the shard has no more rows below it, the watermark
            // moves past the other shards' rows, so a quiet shard does not rescan them at every run.
            var sql = $"""
                SELECT {table.SelectList} FROM {table.Name}
                WHERE {table.IdColumn} > @afterId AND {table.IdColumn} <= @newest AND {shard.SqlCondition}
                ORDER BY {table.IdColumn} LIMIT @limit
                """;
            var (newest, rows) = await store.RunAsync(async connection =>
            {
                var newest = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                    $"SELECT MAX({table.IdColumn}) FROM {table.Name}", cancellationToken: cancel)) ?? 0;
                var rows = (await connection.QueryAsync<T>(new CommandDefinition(sql,
                    new { afterId = after[table.Name], newest, limit = batchSize }, cancellationToken: cancel))).AsList();
                return (newest, rows);
            }, cancel);
            var full = rows.Count == batchSize;
            reached[table.Name] = full ? table.ReadId(rows[^1]!) : Math.Max(after[table.Name], newest);
            more |= full;
            return rows;
        }
        facts.AddRange(await Read<ProcessFact>());
        facts.AddRange(await Read<EndpointFact>());
        facts.AddRange(await Read<FileFact>());
        facts.AddRange(await Read<DeviceFact>());
        var processEnds = await Read<ProcessEnd>();
        var endpointEnds = await Read<EndpointEnd>();
        return new NewRows(facts, processEnds, endpointEnds, reached, more);
    }
}
