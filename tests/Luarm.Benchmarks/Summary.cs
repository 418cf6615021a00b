namespace Luarm.Benchmarks;

/// <summary>Median, 95th percentile (nearest rank), min and max of a set of samples.</summary>
public sealed record Summary(int Count, double Median, double P95, double Min, double Max)
{
    public static Summary Of(IEnumerable<double> samples)
    {
        var sorted = samples.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new Summary(0, double.NaN, double.NaN, double.NaN, double.NaN);
        }
        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        var p95 = sorted[Math.Max(0, (int)Math.Ceiling(0.95 * sorted.Length) - 1)];
        return new Summary(sorted.Length, median, p95, sorted[0], sorted[^1]);
    }
}
