using Luarm.Rules.Diagnostics;
using Luarm.Rules.Parsing;

namespace Luarm.Rules.Loading;

/// <summary>
/// Which files a set of paths means, in load order: folders are searched for
/// *.yaml/*.yml (skipping <c>fixtures</c> folders, which hold recorded rows, not
/// rules) in name order; overlay files (*.local.yaml) come last, so they apply
/// after the shipped pack.
/// </summary>
public static class RuleFiles
{
    public const string FixturesFolder = "fixtures";

    public static IReadOnlyList<string> Expand(IEnumerable<string> paths, DiagnosticBag diagnostics)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Search(path));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                diagnostics.Error(SourceSpan.StartOf(path), DiagnosticCodes.FileUnreadable, "no such file or folder");
            }
        }
        return files.Distinct().OrderBy(ParsedFile.IsOverlayPath).ToArray();
    }

    private static IEnumerable<string> Search(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Where(f => !Path.GetRelativePath(folder, f).Split(Path.DirectorySeparatorChar).SkipLast(1).Contains(FixturesFolder))
            .OrderBy(f => f, StringComparer.Ordinal);
}
