namespace Luarm.Engine.Evaluation;

/// <summary>One row of the <c>watermarks</c> table.</summary>
internal sealed record StoredWatermark(string Consumer, string FactTable, long LastId);
