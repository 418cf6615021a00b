using System.Diagnostics;
using Dapper;
using Luarm.Store.Access;
using Luarm.Store.Ends;
using Luarm.Store.Facts;
using Luarm.Store.Vocabulary;

namespace Luarm.Engine.Evaluation;

/// <summary>Reads a shard's rows appended after its watermarks, table by table, in id order.</summary>
internal sealed class FactCursor(FactStore store, string consumer, HostShard shard, int batchSize, TimeSpan settle)
{
    private (Dictionary<string, long> Ids, long Taken)? _snapshot;

    /// <summary>The tables an engine follows: the fact kinds rules match and their ends (not the inventory, which no rule matches).</summary>
    public static IReadOnlyList<FactTable> Tables { get; } = [.. FactTables.Facts, .. FactTables.FactEnds];

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

    /// <param name="paused">Fact tables read far ahead of the others in event time: left alone this run.</param>
    public async Task<NewRows> ReadAsync(IReadOnlyDictionary<string, long> after, IReadOnlySet<string> paused, CancellationToken cancel)
    {
        var newest = await SettledIdsAsync(after, paused, cancel);
        var reader = new TolerantRowReader(store);
        var reached = new Dictionary<string, long>(after);
        var fronts = new Dictionary<string, DateTime>();
        var more = paused.Count > 0;
        async Task<List<object>> Read(FactTable table)
        {
            if (paused.Contains(table.Name))
            {
                return [];
            }
            // Bounded by the newest id: when the shard has no more rows below it, the watermark
            // moves past the other shards' rows, so a quiet shard does not rescan them at every run.
            var batch = await reader.ReadAsync(table,
                $"{table.IdColumn} > @afterId AND {table.IdColumn} <= @newest AND {shard.SqlCondition}",
                new { afterId = after[table.Name], newest = newest[table.Name], limit = batchSize }, cancel);
            var rows = batch.Rows;
            var full = batch.Scanned == batchSize;
            reached[table.Name] = full ? batch.LastId : Math.Max(after[table.Name], newest[table.Name]);
            if (full && rows.Count > 0 && table.Kind is not null)
            {
                fronts[table.Name] = rows.Max(HostSession.CreatedOf);
            }
            more |= full;
            return rows;
        }
        var facts = new List<object>();
        foreach (var table in FactTables.Facts)
        {
            facts.AddRange(await Read(table));
        }
        var ends = new List<object>();
        foreach (var table in FactTables.FactEnds)
        {
            ends.AddRange(await Read(table));
        }
        return new NewRows(facts, ends, reached, fronts, more, reader.Unreadable);
    }

    /// <summary>How many times a read has waited for open transactions to settle.</summary>
    public int Pauses { get; private set; }

    /// <summary>
    /// The ids a read may go up to: the newest ids, then a pause, so rows of transactions
    /// still open commit meanwhile and nothing below them is skipped (see
    /// <see cref="EngineOptions.SettleSeconds"/>). Ids taken at least that long ago need no
    /// pause: while a backlog below them is left, reads go up to them, so a catch-up waits once.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, long>> SettledIdsAsync(
        IReadOnlyDictionary<string, long> after, IReadOnlySet<string> paused, CancellationToken cancel)
    {
        if (_snapshot is { } earlier && Stopwatch.GetElapsedTime(earlier.Taken) >= settle
            && after.Any(mark => !paused.Contains(mark.Key) && mark.Value < earlier.Ids[mark.Key]))
        {
            return earlier.Ids;
        }
        var newest = await NewestIdsAsync(cancel);
        _snapshot = (newest, Stopwatch.GetTimestamp());
        if (settle > TimeSpan.Zero)
        {
            Pauses++;
            await Task.Delay(settle, cancel);
        }
        return newest;
    }

    private Task<Dictionary<string, long>> NewestIdsAsync(CancellationToken cancel) =>
        store.RunAsync(async connection =>
        {
            var newest = new Dictionary<string, long>();
            foreach (var table in Tables)
            {
                newest[table.Name] = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                    $"SELECT MAX({table.IdColumn}) FROM {table.Name}", cancellationToken: cancel)) ?? 0;
            }
            return newest;
        }, cancel);
}
