using System.Diagnostics;
using Luarm.Store.Access;
using Luarm.Store.Facts;

namespace Luarm.Benchmarks;

/// <summary>
/// Several ways to append, compared side by side: in each round every variant
/// appends one batch, in an order that rotates from round to round, each into
/// its own fresh store and all with the same rows, so that a busy moment of
/// the machine falls on all of them alike.
/// </summary>
public sealed class AppendVariantsBenchmark(BenchOptions options)
{
    public async Task<IReadOnlyList<VariantRate>> RunAsync(IReadOnlyList<AppendVariant> variants)
    {
        var rows = variants.Select(_ => new NetinfoGenerator((long)options.Rounds * options.Batch)).ToArray();
        var rates = variants.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < options.Rounds; round++)
        {
            for (var k = 0; k < variants.Count; k++)
            {
                var v = (round + k) % variants.Count;
                var batch = rows[v].Next(options.Batch);
                var clock = Stopwatch.StartNew();
                await variants[v].AppendAsync(batch);
                rates[v].Add(batch.Length / clock.Elapsed.TotalSeconds);
            }
        }
        return [.. variants.Select((v, i) => new VariantRate(v.Name, Summary.Of(rates[i])))];
    }
}

/// <summary>A way to append a batch of netinfo rows.</summary>
public sealed record AppendVariant(string Name, Func<EndpointFact[], Task> AppendAsync)
{
    /// <summary>The batch in several FactWriter calls, each its own transaction.</summary>
    public static async Task InCallsOf(int size, EndpointFact[] rows, FactWriter writer)
    {
        foreach (var chunk in rows.Chunk(size))
        {
            await writer.AppendAsync(chunk);
        }
    }
}

/// <summary>The rows per second one variant reached over the rounds.</summary>
public sealed record VariantRate(string Name, Summary Rates);
