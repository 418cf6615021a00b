using System.Text.Json;
using Luarm.Rules.Diagnostics;
using Luarm.Rules.Yaml;

namespace Luarm.Rules.Testing;

/// <summary>
/// Reads a recorded fixture: JSON Lines (<c>.jsonl</c>, one row object per line)
/// or YAML (a list of rows). Errors are reported per row with its position.
/// </summary>
public static class FixtureFile
{
    public static IReadOnlyList<object> Read(string path, DateTime baseTime, DiagnosticBag diagnostics)
    {
        if (!File.Exists(path))
        {
            diagnostics.Error(SourceSpan.StartOf(path), DiagnosticCodes.FileUnreadable, "the fixture file does not exist");
            return [];
        }
        var rows = IsJsonLines(path) ? RowsOf(path, File.ReadLines(path), diagnostics) : ReadYaml(path, diagnostics);
        return Bind(rows, baseTime, diagnostics);
    }

    /// <summary>JSON Lines from any source (a compressed sample), named <paramref name="name"/> in diagnostics.</summary>
    public static IReadOnlyList<object> ReadJsonLines(string name, IEnumerable<string> lines, DateTime baseTime, DiagnosticBag diagnostics) =>
        Bind(RowsOf(name, lines, diagnostics), baseTime, diagnostics);

    private static List<object> Bind(List<FixtureRow> rows, DateTime baseTime, DiagnosticBag diagnostics)
    {
        var facts = rows.Select(r => r.Bind(baseTime, diagnostics)).OfType<object>().ToList();
        FactIds.AssignMissing(facts);
        return facts;
    }

    public static bool IsJsonLines(string path) =>
        path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase);

    private static List<FixtureRow> RowsOf(string path, IEnumerable<string> lines, DiagnosticBag diagnostics)
    {
        var rows = new List<FixtureRow>();
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var where = new SourceSpan(path, number, 1);
            try
            {
                using var document = JsonDocument.Parse(line);
                if (FixtureRow.FromJson(document.RootElement, where, diagnostics) is { } row)
                {
                    rows.Add(row);
                }
            }
            catch (JsonException error)
            {
                diagnostics.Error(where with { Column = (int)(error.BytePositionInLine ?? 0) + 1 }, DiagnosticCodes.BadRow, $"not valid JSON: {error.Message}");
            }
        }
        return rows;
    }

    private static List<FixtureRow> ReadYaml(string path, DiagnosticBag diagnostics)
    {
        var reader = new NodeReader(path, diagnostics);
        var rows = new List<FixtureRow>();
        foreach (var document in YamlFileReader.Read(path, YamlLimits.Fixture, diagnostics))
        {
            if (reader.Sequence(document.RootNode, "a fixture") is { } sequence)
            {
                rows.AddRange(sequence.Children.Select(n => FixtureRow.FromYaml(reader, n)).OfType<FixtureRow>());
            }
        }
        return rows;
    }
}
