using Luarm.Rules.Diagnostics;
using Luarm.Rules.Model;

namespace Luarm.Rules.Loading;

/// <summary>
/// What loading found: the valid rules (rules of files with errors are left out),
/// every diagnostic, and which files were invalid. A strict caller refuses the
/// set when <see cref="HasErrors"/>; a tolerant one runs <see cref="Rules"/>.
/// </summary>
public sealed record RuleLoadResult(
    IReadOnlyList<DetectionRule> Rules,
    IReadOnlyList<RuleDiagnostic> Diagnostics,
    IReadOnlyList<string> Files,
    IReadOnlyList<string> InvalidFiles)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    public IEnumerable<RuleDiagnostic> Errors => Diagnostics.Where(d => d.IsError);

    public IEnumerable<RuleDiagnostic> Warnings => Diagnostics.Where(d => !d.IsError);
}
