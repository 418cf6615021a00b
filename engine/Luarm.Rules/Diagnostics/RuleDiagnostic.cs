namespace Luarm.Rules.Diagnostics;

/// <summary>One finding about a rule file, in the form <c>file:line:col: error RULE-ID code: message</c>.</summary>
public sealed record RuleDiagnostic(SourceSpan Where, DiagnosticLevel Level, string Code, string? RuleId, string Message)
{
    public bool IsError => Level == DiagnosticLevel.Error;

    public override string ToString()
    {
        var level = Level == DiagnosticLevel.Error ? "error" : "warning";
        var rule = RuleId is null ? "" : $" {RuleId}";
        return $"{Where}: {level}{rule} {Code}: {Message}";
    }
}
