using System.Globalization;

namespace Luarm.Benchmarks;

/// <summary>The report: Markdown on standard output, ready to paste into docs/benchmarks.md.</summary>
public static class Markdown
{
    public static void Heading(string text) => Console.WriteLine($"{Environment.NewLine}## {text}{Environment.NewLine}");

    public static void Line(string text = "") => Console.WriteLine(text);

    public static void Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        Console.WriteLine("| " + string.Join(" | ", header) + " |");
        Console.WriteLine("|" + string.Concat(header.Select(_ => "---|")));
        foreach (var row in rows)
        {
            Console.WriteLine("| " + string.Join(" | ", row) + " |");
        }
        Console.WriteLine();
    }

    public static string Rate(double rowsPerSecond) => rowsPerSecond.ToString("N0", CultureInfo.InvariantCulture);

    public static string Ms(double milliseconds) => milliseconds.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Ratio(double ratio) => ratio.ToString("0.0", CultureInfo.InvariantCulture) + "×";

    public static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);
}
