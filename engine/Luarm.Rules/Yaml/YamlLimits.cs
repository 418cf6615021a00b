namespace Luarm.Rules.Yaml;

/// <summary>
/// Bounds on untrusted YAML, checked before the document is built so a huge or
/// deeply nested file becomes an error instead of exhausting memory or the stack.
/// </summary>
public sealed record YamlLimits(long MaxBytes, int MaxDepth)
{
    /// <summary>Rule, list and macro files: hand-written, small.</summary>
    public static YamlLimits RuleFile { get; } = new(2 * 1024 * 1024, 64);

    /// <summary>Recorded fixtures: many rows, shallow.</summary>
    public static YamlLimits Fixture { get; } = new(256L * 1024 * 1024, 16);
}
