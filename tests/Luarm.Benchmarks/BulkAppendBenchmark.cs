using System.Diagnostics;
using Luarm.Store.Access;
using Luarm.Store.Facts;

namespace Luarm.Benchmarks;

/// <summary>
/// Fills netinfo with the generator's stream through <see cref="FactWriter"/>,
/// timing every batch, and at evenly spaced points of the fill runs a round:
/// one bulk batch and one run of single-row inserts back to back (which goes
/// first alternates), so each ratio compares the two on the same table, at
/// the same moment of a noisy machine.
/// </summary>
public sealed class BulkAppendBenchmark(FactStore store, BenchOptions options)
{
    public async Task<AppendResult> RunAsync(NetinfoGenerator generator)
    {
        var singles = (long)options.Rounds * options.SingleRows;
        var bulkRows = generator.Total - singles;
        var batches = (int)((bulkRows + options.Batch - 1) / options.Batch);
        var roundAt = Enumerable.Range(0, options.Rounds).Select(r => (int)((r + 0.5) * batches / options.Rounds)).ToArray();
        var writer = new FactWriter(store);
        var batchSeconds = new List<(int Rows, double Seconds)>(batches);
        var rounds = new List<AppendRound>();
        var nextReport = 0.05;
        for (var batch = 0; batch < batches; batch++)
        {
            var rows = generator.Next((int)Math.Min(options.Batch, bulkRows - (batch * (long)options.Batch)));
            var round = Array.IndexOf(roundAt, batch);
            double? single = null;
            if (round >= 0 && round % 2 == 1)
            {
                single = await SingleRowRateAsync(generator.Next(options.SingleRows));
            }
            var tableRows = generator.Position - rows.Length;
            var clock = Stopwatch.StartNew();
            await writer.AppendAsync(rows);
            batchSeconds.Add((rows.Length, clock.Elapsed.TotalSeconds));
            if (round >= 0)
            {
                single ??= await SingleRowRateAsync(generator.Next(options.SingleRows));
                rounds.Add(new AppendRound(round + 1, tableRows, rows.Length / batchSeconds[^1].Seconds, single.Value));
            }
            if ((double)generator.Position / generator.Total >= nextReport)
            {
                Progress.Say($"{store.Dialect}: {generator.Position:N0} rows, last batch {rows.Length / batchSeconds[^1].Seconds:N0} rows/s");
                nextReport += 0.05;
            }
        }
        var tenth = Math.Max(1, batches / 10);
        return new AppendResult(
            bulkRows,
            batchSeconds.Sum(b => b.Seconds),
            Summary.Of(batchSeconds.Select(b => b.Rows / b.Seconds)),
            Rate(batchSeconds.Take(tenth)),
            Rate(batchSeconds.TakeLast(tenth)),
            rounds);
    }

    private static double Rate(IEnumerable<(int Rows, double Seconds)> batches)
    {
        var list = batches.ToArray();
        return list.Sum(b => b.Rows) / list.Sum(b => b.Seconds);
    }

    private async Task<double> SingleRowRateAsync(EndpointFact[] rows)
    {
        await using var insert = await SingleRowInsert.OpenAsync(store);
        var clock = Stopwatch.StartNew();
        foreach (var row in rows)
        {
            await insert.InsertAsync(row);
        }
        return rows.Length / clock.Elapsed.TotalSeconds;
    }
}

/// <summary>One bulk batch and one single-row run, side by side, at <paramref name="TableRows"/> rows.</summary>
public sealed record AppendRound(int Round, long TableRows, double BulkRowsPerSecond, double SingleRowsPerSecond)
{
    public double Ratio => BulkRowsPerSecond / SingleRowsPerSecond;
}

/// <summary>The whole fill: sustained rate, per-batch rates, first and last tenth, and the rounds.</summary>
public sealed record AppendResult(long BulkRows, double BulkSeconds, Summary BatchRates, double FirstTenthRate, double LastTenthRate, IReadOnlyList<AppendRound> Rounds)
{
    public double SustainedRate => BulkRows / BulkSeconds;

    public double MedianSingleRate => Summary.Of(Rounds.Select(r => r.SingleRowsPerSecond)).Median;

    public double MedianRoundBulkRate => Summary.Of(Rounds.Select(r => r.BulkRowsPerSecond)).Median;

    public double MedianRatio => Summary.Of(Rounds.Select(r => r.Ratio)).Median;
}
