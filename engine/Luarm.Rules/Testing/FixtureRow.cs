using System.Globalization;
using System.Text.Json;
using Luarm.Rules.Diagnostics;
using Luarm.Rules.Model;
using Luarm.Rules.Yaml;
using YamlDotNet.RepresentationModel;

namespace Luarm.Rules.Testing;

/// <summary>
/// A row of a test or fixture before binding: its kind and cells. A row names its
/// kind as <c>{process: {pid: 1, ...}}</c> or with a <c>table</c> column
/// (<c>{table: psinfo, pid: 1, ...}</c>, the form <c>luarm rules record</c> writes).
/// </summary>
public sealed record FixtureRow(FactKind Kind, IReadOnlyList<RowCell> Cells)
{
    public const string TableColumn = "table";

    public static FixtureRow? FromYaml(NodeReader reader, YamlNode node)
    {
        if (reader.Mapping(node, "a fact row") is not { } mapping)
        {
            return null;
        }
        var entries = reader.Entries(mapping, "a fact row");
        if (entries is [{ Value: YamlMappingNode columns } only] && FactKind.Find(only.Key) is { } kind)
        {
            return new FixtureRow(kind, CellsOf(reader, reader.Entries(columns, $"a {kind.Name} row")));
        }
        var table = entries.FirstOrDefault(e => e.Key == TableColumn);
        if (table is null)
        {
            reader.Error(mapping, DiagnosticCodes.BadRow,
                $"a fact row is {{kind: {{column: value, ...}}}} with kind one of {string.Join(", ", FactKind.Names)}, or has a 'table' column");
            return null;
        }
        if (reader.Text(table.Value, "table") is not { } name)
        {
            return null;
        }
        if (FactKind.Find(name) is not { } tableKind)
        {
            reader.Error(table.Value, DiagnosticCodes.UnknownKind, $"'{name}' is not a fact table or kind{Suggestion.For(name, FactKind.All.Select(k => k.Table.Name).Concat(FactKind.Names))}");
            return null;
        }
        return new FixtureRow(tableKind, CellsOf(reader, entries.Where(e => e != table)));
    }

    private static RowCell[] CellsOf(NodeReader reader, IEnumerable<MappingEntry> entries) =>
        entries.Select(e => new RowCell(e.Key, ScalarText(reader, e.Value), reader.At(e.Value))).ToArray();

    private static string? ScalarText(NodeReader reader, YamlNode node)
    {
        if (node is YamlScalarNode scalar)
        {
            return NodeReader.IsNull(scalar) ? null : scalar.Value;
        }
        reader.Error(node, DiagnosticCodes.BadRow, $"a column holds one value, not {NodeReader.Describe(node)}");
        return null;
    }

    public static FixtureRow? FromJson(JsonElement row, SourceSpan where, DiagnosticBag diagnostics)
    {
        if (row.ValueKind != JsonValueKind.Object)
        {
            diagnostics.Error(where, DiagnosticCodes.BadRow, "a JSON Lines fixture holds one JSON object per line");
            return null;
        }
        if (!row.TryGetProperty(TableColumn, out var table) || table.ValueKind != JsonValueKind.String || FactKind.Find(table.GetString()!) is not { } kind)
        {
            diagnostics.Error(where, DiagnosticCodes.BadRow, $"the row needs a 'table' column naming one of: {string.Join(", ", FactKind.All.Select(k => k.Table.Name))}");
            return null;
        }
        var cells = row.EnumerateObject()
            .Where(p => p.Name != TableColumn)
            .Select(p => new RowCell(p.Name, JsonText(p.Value), where))
            .ToArray();
        return new FixtureRow(kind, cells);
    }

    private static string? JsonText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        _ => value.ToString(),
    };

    public object? Bind(DateTime baseTime, DiagnosticBag diagnostics) => FactRowBinder.Bind(Kind, Cells, baseTime, diagnostics);

    public override string ToString() =>
        $"{Kind.Table.Name}({string.Join(", ", Cells.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Column}={c.Text}")))})";
}
