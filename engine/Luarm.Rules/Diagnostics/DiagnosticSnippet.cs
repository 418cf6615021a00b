using System.Text;

namespace Luarm.Rules.Diagnostics;

/// <summary>
/// The line a diagnostic points at, and a caret under its column (as Falco
/// prints them), cut to <see cref="Width"/> characters around the column so a
/// huge line stays one screen line. Tabs and control characters show as one
/// space or <c>?</c>, so the caret lines up and nothing reaches the terminal raw.
/// </summary>
public static class DiagnosticSnippet
{
    public const int Width = 100;
    private const string Cut = "…";

    /// <summary>Larger files are not quoted (a rule file is at most 2 MiB; a fixture is not quoted).</summary>
    private const long MaxFileBytes = 4 * 1024 * 1024;

    /// <summary>Two lines (source, caret), or none when the file has no such line.</summary>
    public static IReadOnlyList<string> For(SourceSpan where, IReadOnlyList<string> lines)
    {
        if (where.Line < 1 || where.Line > lines.Count)
        {
            return [];
        }
        var line = lines[where.Line - 1].TrimEnd('\r');
        var column = Math.Clamp(where.Column - 1, 0, line.Length);
        var start = line.Length <= Width ? 0 : Math.Clamp(column - (Width / 2), 0, line.Length - Width);
        var end = Math.Min(line.Length, start + Width);
        var shown = new StringBuilder();
        if (start > 0)
        {
            shown.Append(Cut);
        }
        foreach (var c in line.AsSpan(start, end - start))
        {
            shown.Append(c == '\t' ? ' ' : char.IsControl(c) ? '?' : c);
        }
        if (end < line.Length)
        {
            shown.Append(Cut);
        }
        var caret = column - start + (start > 0 ? Cut.Length : 0);
        return [$"    | {shown}", $"    | {new string(' ', caret)}^"];
    }

    /// <summary>The lines of a file for snippets (decoded leniently: a bad byte shows, it does not stop the report), or none when it cannot be read.</summary>
    public static IReadOnlyList<string> LinesOf(string path)
    {
        try
        {
            return new FileInfo(path).Length > MaxFileBytes ? [] : Encoding.UTF8.GetString(File.ReadAllBytes(path)).Split('\n');
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
