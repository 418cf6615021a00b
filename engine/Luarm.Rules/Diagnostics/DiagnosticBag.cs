namespace Luarm.Rules.Diagnostics;

/// <summary>
/// Collects every finding instead of stopping at the first, so an author sees
/// all the errors of a file at once. Identical findings are kept once (a bad
/// macro used by many rules is reported at its own position, once per rule).
/// </summary>
public sealed class DiagnosticBag
{
    private readonly List<RuleDiagnostic> _items = [];
    private readonly HashSet<RuleDiagnostic> _seen = [];

    public IReadOnlyList<RuleDiagnostic> Items => _items;

    public bool HasErrors => _items.Any(d => d.IsError);

    public int ErrorCount => _items.Count(d => d.IsError);

    /// <summary>The rule the next findings belong to, when they belong to one.</summary>
    public string? RuleId
    {
        get;
        set => field = value is null ? null : DiagnosticMessage.Cap(value);
    }

    public void Error(SourceSpan where, string code, string message) => Add(new(where, DiagnosticLevel.Error, code, RuleId, message));

    public void Warning(SourceSpan where, string code, string message) => Add(new(where, DiagnosticLevel.Warning, code, RuleId, message));

    /// <summary>An error whose interpolated values are cut to <see cref="DiagnosticMessage.MaxValueLength"/> characters.</summary>
    public void Error(SourceSpan where, string code, DiagnosticMessage message) => Error(where, code, message.ToStringAndClear());

    /// <inheritdoc cref="Error(SourceSpan, string, DiagnosticMessage)"/>
    public void Warning(SourceSpan where, string code, DiagnosticMessage message) => Warning(where, code, message.ToStringAndClear());

    public void Add(RuleDiagnostic diagnostic)
    {
        if (_seen.Add(diagnostic))
        {
            _items.Add(diagnostic);
        }
    }

    public bool HasErrorsIn(string file) => _items.Any(d => d.IsError && d.Where.File == file);
}
