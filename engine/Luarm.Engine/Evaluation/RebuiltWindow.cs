namespace Luarm.Engine.Evaluation;

/// <summary>
/// What a rebuild reads back: per host, the evaluated facts inside the retention of
/// its clock (its newest evaluated fact), and the time every table had been read to
/// (<see cref="NewRows.CompleteUpTo"/> at the watermarks), which the rules' clocks
/// may not pass yet.
/// </summary>
internal sealed record RebuiltWindow(
    IReadOnlyDictionary<int, List<object>> FactsByHost,
    IReadOnlyDictionary<int, DateTime> Clocks,
    DateTime CompleteUpTo);
