using System.Text;
using Luarm.Rules.Model.Tests;
using Luarm.Rules.Runtime;

namespace Luarm.Rules.Testing;

/// <summary>
/// Compares the alerts a test got with the ones it expected, in event-time order,
/// and writes the differences as <c>- expected</c> / <c>+ got</c> lines; null when they agree.
/// </summary>
public static class AlertDiff
{
    public static string? Compare(TestExpectation expected, IReadOnlyList<RuleAlert> actual)
    {
        var lines = new List<string>();
        if (actual.Count != expected.AlertCount)
        {
            lines.Add($"expected {Alerts(expected.AlertCount)}, got {actual.Count}");
        }
        for (var i = 0; i < Math.Max(expected.Alerts.Count, actual.Count); i++)
        {
            var want = i < expected.Alerts.Count ? expected.Alerts[i] : null;
            var got = i < actual.Count ? actual[i] : null;
            if (want is not null && got is not null && Agrees(want, got))
            {
                continue;
            }
            if (want is not null)
            {
                lines.Add($"- alert {i + 1}: {Describe(want)}");
            }
            if (got is not null && (want is not null || actual.Count != expected.AlertCount))
            {
                lines.Add($"+ alert {i + 1}: {Describe(got)}");
            }
        }
        return lines.Count == 0 ? null : string.Join('\n', lines);
    }

    private static bool Agrees(ExpectedAlert want, RuleAlert got) =>
        (want.Evidence is null || want.Evidence.ToHashSet().SetEquals(got.Evidence))
        && (want.Output is null || want.Output == got.Message)
        && (want.Hits is null || want.Hits == got.HitCount);

    private static string Alerts(int count) => count == 1 ? "1 alert" : $"{count} alerts";

    private static string Describe(ExpectedAlert alert)
    {
        var parts = new List<string>();
        if (alert.Evidence is not null)
        {
            parts.Add($"evidence [{string.Join(", ", alert.Evidence.Select(e => $"{e.FactTable}:{e.FactId}"))}]");
        }
        if (alert.Hits is not null)
        {
            parts.Add($"hits {alert.Hits}");
        }
        if (alert.Output is not null)
        {
            parts.Add($"output \"{alert.Output}\"");
        }
        return parts.Count == 0 ? "(any alert)" : string.Join(", ", parts);
    }

    public static string Describe(RuleAlert alert)
    {
        var text = new StringBuilder();
        text.Append("evidence [").AppendJoin(", ", alert.Evidence.Select(e => $"{e.FactTable}:{e.FactId}")).Append(']');
        text.Append(", hits ").Append(alert.HitCount);
        text.Append(", output \"").Append(alert.Message).Append('"');
        return text.ToString();
    }
}
