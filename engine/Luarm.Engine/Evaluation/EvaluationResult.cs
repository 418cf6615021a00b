namespace Luarm.Engine.Evaluation;

/// <summary>What one evaluation did: rows read, alerts stored new, facts held, whether rows remain.</summary>
public sealed record EvaluationResult(int RowsRead, int NewAlerts, int SkippedRows, int FactsInSessions, bool More);
