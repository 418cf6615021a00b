using System.Globalization;
using System.Text;
using Luarm.Engine.Alerts;
using Luarm.Store.Access;

namespace Luarm.Cli.Output;

/// <summary>
/// Prints query results the way the mysql console in the LUARM write-up does:
/// an ASCII grid, or one block per row for <c>\G</c>, then "N rows in set".
/// Text cells come from the store, so they pass <see cref="FactText"/>: one line,
/// invisible characters escaped; a grid given a width is fitted to it by narrowing
/// its widest columns, whose cut cells end in '…'.
/// </summary>
public static class MySqlConsoleFormat
{
    /// <summary>A column is not narrowed below its name or this.</summary>
    private const int NarrowestColumn = 4;

    /// <param name="width">The grid's widest line, in characters; no limit by default.</param>
    public static string Render(SqlResult result, int width = int.MaxValue)
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
            RenderGrid(text, result.Columns, cells, width);
        }
        var count = cells.Length == 0 ? "Empty set" : $"{cells.Length} {(cells.Length == 1 ? "row" : "rows")} in set";
        text.Append(CultureInfo.InvariantCulture, $"{count} ({Seconds(result)} sec)\n");
        return text.ToString();
    }

    private static void RenderGrid(StringBuilder text, IReadOnlyList<string> columns, string[][] cells, int width)
    {
        var widths = Fit(columns, columns.Select((name, i) => cells.Select(row => row[i].Length).Prepend(name.Length).Max()).ToArray(), width);
        var rule = "+" + string.Join("+", widths.Select(w => new string('-', w + 2))) + "+\n";
        text.Append(rule).Append(Line(columns, widths)).Append(rule);
        foreach (var row in cells)
        {
            text.Append(Line(row, widths));
        }
        text.Append(rule);
    }

    /// <summary>Narrows the widest columns, one step at a time, until the grid's lines (<c>| a | b |</c>) fit <paramref name="width"/> or no column can give more.</summary>
    private static int[] Fit(IReadOnlyList<string> columns, int[] widths, int width)
    {
        var floors = widths.Select((w, i) => Math.Min(w, Math.Max(columns[i].Length, NarrowestColumn))).ToArray();
        var excess = (long)widths.Sum() + (3 * widths.Length) + 1 - width;
        while (excess > 0 && Enumerable.Range(0, widths.Length).Where(i => widths[i] > floors[i]).ToArray() is { Length: > 0 } narrowable)
        {
            var widest = narrowable.MaxBy(i => widths[i]);
            var next = widths.Where((_, i) => i != widest).DefaultIfEmpty(0).Max();
            var target = (int)Math.Max(floors[widest], Math.Max(widths[widest] - excess, next < widths[widest] ? next : widths[widest] - 1));
            excess -= widths[widest] - target;
            widths[widest] = target;
        }
        return widths;
    }

    private static string Line(IReadOnlyList<string> values, int[] widths) =>
        "| " + string.Join(" | ", values.Select((v, i) => Cut(v, widths[i]).PadRight(widths[i]))) + " |\n";

    private static string Cut(string value, int width)
    {
        if (value.Length <= width)
        {
            return value;
        }
        var keep = width - 1;
        if (keep > 0 && char.IsHighSurrogate(value[keep - 1]))
        {
            keep--;
        }
        return value[..keep] + "…";
    }

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
        _ => FactText.OneLine(value.ToString()),
    };

    private static string Seconds(SqlResult result) =>
        result.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
}
