using Luarm.Store.Access;
using Luarm.Store.Ends;
using Luarm.Store.Facts;
using Luarm.Store.Vocabulary;

namespace Luarm.Engine.Evaluation;

/// <summary>Reads the rows appended after an engine's watermarks, table by table, in id order.</summary>
internal sealed class FactCursor(FactStore store, string consumer, int batchSize)
{
    /// <summary>The tables an engine follows: the four fact kinds and the two end tables.</summary>
    public static IReadOnlyList<FactTable> Tables { get; } = [.. FactTables.Facts, .. FactTables.Ends];

    public async Task<Dictionary<string, long>> LoadWatermarksAsync(CancellationToken cancel)
    {
        var watermarks = new Watermarks(store);
        var loaded = new Dictionary<string, long>();
        foreach (var table in Tables)
        {
            loaded[table.Name] = await watermarks.GetAsync(consumer, table.Name, cancel);
        }
        return loaded;
    }

    public async Task<NewRows> ReadAsync(IReadOnlyDictionary<string, long> after, CancellationToken cancel)
    {
        var reached = new Dictionary<string, long>(after);
        var more = false;
        var facts = new List<object>();
        async Task<IReadOnlyList<T>> Read<T>()
        {
            var table = FactTable.Of<T>();
            var rows = await new FactReader(store).ReadAfterAsync<T>(after[table.Name], batchSize, cancel);
            if (rows.Count > 0)
            {
                reached[table.Name] = table.ReadId(rows[^1]!);
            }
            more |= rows.Count == batchSize;
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
