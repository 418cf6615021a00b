using System.Globalization;
using Luarm.Rules.Diagnostics;
using Luarm.Rules.Matching;
using Luarm.Rules.Model;

namespace Luarm.Rules.Testing;

/// <summary>
/// Turns a row of column values into a fact object of its kind. Times may be
/// absolute (UTC) or relative to the test's base time (<c>+30s</c>, <c>-2m</c>);
/// <c>at</c> is short for <c>created</c>; <c>hostid</c> defaults to 1.
/// </summary>
public static class FactRowBinder
{
    public const int DefaultHostId = 1;

    public static object? Bind(FactKind kind, IEnumerable<RowCell> cells, DateTime baseTime, DiagnosticBag diagnostics)
    {
        var fact = Activator.CreateInstance(kind.RowType)!;
        kind.HostId.Write(fact, DefaultHostId);
        kind.Created.Write(fact, baseTime);
        var ok = true;
        foreach (var cell in cells)
        {
            var column = cell.Column == "at" ? "created" : cell.Column;
            if (kind.Field(column) is not { } field)
            {
                diagnostics.Error(cell.Where, DiagnosticCodes.UnknownField,
                    $"{kind.Table.Name} has no column '{cell.Column}'{Suggestion.For(cell.Column, kind.Fields.Keys)}");
                ok = false;
                continue;
            }
            if (cell.Text is null)
            {
                ok &= SetMissing(fact, field, cell, diagnostics);
                continue;
            }
            if (Convert(field, cell.Text, baseTime) is { } value)
            {
                field.Write(fact, value);
            }
            else
            {
                diagnostics.Error(cell.Where, DiagnosticCodes.BadRow, $"'{cell.Text}' is not a valid {Describe(field)} for column '{field.Name}'");
                ok = false;
            }
        }
        return ok ? fact : null;
    }

    private static bool SetMissing(object fact, FactField field, RowCell cell, DiagnosticBag diagnostics)
    {
        if (field.Type == FieldType.Text || field.IsNullableValue)
        {
            field.Write(fact, field.Type == FieldType.Text && !IsNullableText(field) ? "" : null);
            return true;
        }
        diagnostics.Error(cell.Where, DiagnosticCodes.BadRow, $"column '{field.Name}' needs a value");
        return false;
    }

    private static bool IsNullableText(FactField field) =>
        new System.Reflection.NullabilityInfoContext().Create(field.Property).WriteState == System.Reflection.NullabilityState.Nullable;

    private static object? Convert(FactField field, string text, DateTime baseTime) => field.Type switch
    {
        FieldType.Text => text,
        FieldType.Time => Time(text, baseTime),
        _ => Number(field.ValueType, text),
    };

    private static object? Number(Type type, string text)
    {
        const NumberStyles style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;
        if (type == typeof(decimal))
        {
            return decimal.TryParse(text, style, CultureInfo.InvariantCulture, out var d) ? d : null;
        }
        if (type == typeof(long))
        {
            return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? l : null;
        }
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) ? i : null;
    }

    /// <summary>"+30s" and "-2m" from the base time, or an absolute time read as UTC.</summary>
    public static DateTime? Time(string text, DateTime baseTime)
    {
        if (text.Length > 1 && text[0] is '+' or '-' && Duration.Parse(text[1..]) is { } offset)
        {
            return EventTime.Shift(baseTime, text[0] == '+' ? offset : -offset);
        }
        return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
            ? DateTime.SpecifyKind(time, DateTimeKind.Utc)
            : null;
    }

    private static string Describe(FactField field) => field.Type switch
    {
        FieldType.Time => "time (absolute UTC, or +30s from the test's base)",
        FieldType.Number => "number",
        _ => "text",
    };
}
