namespace Luarm.Engine.Evaluation;

/// <summary>The rows read from one id range: how many ids it held (readable or not) and the last one.</summary>
internal sealed record RowBatch(List<object> Rows, int Scanned, long LastId);
