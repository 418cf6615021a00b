using Luarm.Rules.Diagnostics;

namespace Luarm.Rules.Testing;

/// <summary>The outcome of one rule test; <see cref="Failure"/> explains a failure as a readable diff.</summary>
public sealed record RuleTestResult(string RuleId, string TestName, SourceSpan Where, string? Failure, TimeSpan Elapsed)
{
    public bool Passed => Failure is null;
}
