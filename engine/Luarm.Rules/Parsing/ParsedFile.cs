namespace Luarm.Rules.Parsing;

/// <summary>The documents of one rule file, sorted into rules and definitions (lists, macros, tunings).</summary>
public sealed record ParsedFile(string Path, bool IsOverlay, IReadOnlyList<RuleSyntax> Rules, IReadOnlyList<SourcedNode> Definitions)
{
    /// <summary>Overlay files (<c>*.local.yaml</c>) apply after every shipped file, so local tuning survives an upgrade.</summary>
    public static bool IsOverlayPath(string path) =>
        path.EndsWith(".local.yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".local.yml", StringComparison.OrdinalIgnoreCase);
}
