namespace Luarm.Engine.Evaluation;

/// <summary>What one read after the watermarks found: facts, end records and the ids reached.</summary>
internal sealed record NewRows(
    IReadOnlyList<object> Facts,
    IReadOnlyList<object> Ends,
    IReadOnlyDictionary<string, long> Watermarks,
    bool More)
{
    public int Count => Facts.Count + Ends.Count;
}
