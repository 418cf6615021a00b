namespace Luarm.Engine.Evaluation;

/// <summary>
/// What one read after the watermarks found: facts, end records, the ids reached,
/// and for each fact table with rows left to read, the newest event time read
/// from it (its front). Rows that could not be read are left out and described.
/// </summary>
internal sealed record NewRows(
    IReadOnlyList<object> Facts,
    IReadOnlyList<object> Ends,
    IReadOnlyDictionary<string, long> Watermarks,
    IReadOnlyDictionary<string, DateTime> Fronts,
    bool More,
    IReadOnlyList<string> Unreadable)
{
    public int Count => Facts.Count + Ends.Count;

    /// <summary>
    /// Every table is read completely up to this event time: the earliest front,
    /// or no limit when every table is caught up. Facts newer than it may still
    /// meet partners not read yet.
    /// </summary>
    public DateTime CompleteUpTo => Fronts.Count == 0 ? DateTime.MaxValue : Fronts.Values.Min();
}
