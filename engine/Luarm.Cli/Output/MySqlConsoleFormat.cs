using System.Globalization;
using System.Text;
using Luarm.Store.Access;

namespace Luarm.Cli.Output;

/// <summary>
/// Prints query results the way the mysql console in the LUARM write-up does:
/// an ASCII grid, or one block per row for <c>\G</c>, then "N rows in set".
/// </summary>
public static class MySqlConsoleFormat
{
    public static string Render(SqlResult result)
    {
        var text = new StringBuilder();
        if (result.Columns.Count == 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"Query OK, {Math.Max(result.RowsAffected, 0)} rows affected ({Seconds(result)} sec)\n");
            return text.ToString();
        }
        var cells = result.Rows.Select(row => row.Select(Cell).ToArray()).ToArray();
        if (result.Vertical)
        {
            RenderVertical(text, result.Columns, cells);
        }
        else if (cells.Length > 0)
        {
            RenderGrid(text, result.Columns, cells);
        }
        var count = cells.Length == 0 ? "Empty set" : $"{cells.Length} {(cells.Length == 1 ? "row" : "rows")} in set";
        text.Append(CultureInfo.InvariantCulture, $"{count} ({Seconds(result)} sec)\n");
        return text.ToString();
    }

    private static void RenderGrid(StringBuilder text, IReadOnlyList<string> columns, string[][] cells)
    {
        var widths = columns.Select((name, i) => cells.Select(row => row[i].Length).Prepend(name.Length).Max()).ToArray();
        var rule = "+" + string.Join("+", widths.Select(w => new string('-', w + 2))) + "+\n";
        text.Append(rule).Append(Line(columns, widths)).Append(rule);
        foreach (var row in cells)
        {
            text.Append(Line(row, widths));
        }
        text.Append(rule);
    }

    private static string Line(IReadOnlyList<string> values, int[] widths) =>
        "| " + string.Join(" | ", values.Select((v, i) => v.PadRight(widths[i]))) + " |\n";

    private static void RenderVertical(StringBuilder text, IReadOnlyList<string> columns, string[][] cells)
    {
        var width = columns.Max(c => c.Length);
        for (var r = 0; r < cells.Length; r++)
        {
            text.Append(CultureInfo.InvariantCulture, $"*************************** {r + 1}. row ***************************\n");
            for (var c = 0; c < columns.Count; c++)
            {
                text.Append(columns[c].PadLeft(width)).Append(": ").Append(cells[r][c]).Append('\n');
            }
        }
    }

    private static string Cell(object? value) => value switch
    {
        null => "NULL",
        DateTime time => StoreTime.ToText(time),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Seconds(SqlResult result) =>
        result.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
}
