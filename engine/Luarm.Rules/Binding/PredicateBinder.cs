using System.Globalization;
using System.Text.RegularExpressions;
using Luarm.Rules.Diagnostics;
using Luarm.Rules.Matching;
using Luarm.Rules.Model;
using Luarm.Rules.Model.Conditions;
using Luarm.Rules.Parsing;
using Luarm.Rules.Yaml;
using YamlDotNet.RepresentationModel;

namespace Luarm.Rules.Binding;

/// <summary>
/// Checks a field's modifiers and values against the field's type and builds the
/// matcher that tests it: a port compared with "http", a bad regex or CIDR, a
/// text modifier on a number are all reported here with their position.
/// </summary>
public sealed class PredicateBinder(ValueResolver values)
{
    private static readonly string[] NumberOperators = ["gt", "gte", "lt", "lte"];
    private static readonly string[] SearchOperators = ["contains", "startswith", "endswith", "re"];

    public FieldPredicate? Bind(NodeReader reader, YamlNode keyNode, FactField field, Modifiers modifiers, SourcedNode value)
    {
        if (modifiers.Operator == "exists")
        {
            if (modifiers.Basename || modifiers.Cased || modifiers.All)
            {
                reader.Error(keyNode, DiagnosticCodes.BadModifier, "|exists takes no other modifier");
                return null;
            }
            return value.Reader.Bool(value.Node, $"{field.Name}|exists") is { } expected ? new ExistsPredicate(expected) : null;
        }
        return field.Type switch
        {
            FieldType.Time => Refuse(reader, keyNode, $"'{field.Name}' is a time: only |exists applies to it; order facts with after: and within:"),
            FieldType.Number => BindNumber(reader, keyNode, field, modifiers, value),
            _ => BindText(reader, keyNode, field, modifiers, value),
        };
    }

    private FieldPredicate? BindNumber(NodeReader reader, YamlNode keyNode, FactField field, Modifiers modifiers, SourcedNode value)
    {
        if (modifiers.Basename || modifiers.Cased || modifiers.All || (modifiers.Operator is { } op && !modifiers.IsPlainEquality && !NumberOperators.Contains(op)))
        {
            return Refuse(reader, keyNode, $"'{field.Name}' is a number; {modifiers} applies to text (numbers take a value, a range like 6660-6670, |in, |gt, |gte, |lt, |lte)");
        }
        if (values.Expand(value) is not { } items)
        {
            return null;
        }
        if (modifiers.Operator is { } comparison && NumberOperators.Contains(comparison))
        {
            return BindComparison(field, comparison, items);
        }
        var ranges = new List<NumberRange>();
        foreach (var item in items)
        {
            if (NumberRange.Parse(item.Text) is { } range)
            {
                ranges.Add(range);
            }
            else
            {
                item.Error(DiagnosticCodes.WrongType, $"'{field.Name}' is a number; '{item.Text}' is not a number or a range like 6660-6670");
            }
        }
        return ranges.Count == items.Count ? new NumberPredicate(new NumberMatcher(ranges)) : null;
    }

    private static NumberPredicate? BindComparison(FactField field, string comparison, IReadOnlyList<ValueItem> items)
    {
        if (items.Count != 1)
        {
            items[1].Error(DiagnosticCodes.WrongType, $"|{comparison} compares with one number");
            return null;
        }
        if (!decimal.TryParse(items[0].Text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var bound))
        {
            items[0].Error(DiagnosticCodes.WrongType, $"'{field.Name}|{comparison}' needs a number, not '{items[0].Text}'");
            return null;
        }
        var range = comparison switch
        {
            "gt" => new NumberRange(bound, false, decimal.MaxValue, true),
            "gte" => new NumberRange(bound, true, decimal.MaxValue, true),
            "lt" => new NumberRange(decimal.MinValue, true, bound, false),
            _ => new NumberRange(decimal.MinValue, true, bound, true),
        };
        return new NumberPredicate(new NumberMatcher([range]));
    }

    private FieldPredicate? BindText(NodeReader reader, YamlNode keyNode, FactField field, Modifiers modifiers, SourcedNode value)
    {
        var op = modifiers.Operator;
        if (op is not null && NumberOperators.Contains(op))
        {
            return Refuse(reader, keyNode, $"|{op} compares numbers; '{field.Name}' is text");
        }
        if (op == "cidr" && (modifiers.Basename || modifiers.Cased || modifiers.All))
        {
            return Refuse(reader, keyNode, $"|cidr takes no other modifier");
        }
        if (modifiers.All && !SearchOperators.Contains(op))
        {
            return Refuse(reader, keyNode, $"|all applies to |contains, |startswith, |endswith and |re (a value cannot equal several different values)");
        }
        if (values.Expand(value) is not { } items)
        {
            return null;
        }
        var matchers = op switch
        {
            "cidr" => Blocks(items),
            "re" => Patterns(items, modifiers.Cased),
            "contains" => Searches(items, TextSearchKind.Contains, modifiers.Cased),
            "startswith" => Searches(items, TextSearchKind.StartsWith, modifiers.Cased),
            "endswith" => Searches(items, TextSearchKind.EndsWith, modifiers.Cased),
            _ => [new TextEqualsAny(items.Select(i => i.Text), modifiers.Cased)],
        };
        if (matchers is null)
        {
            return null;
        }
        return new TextPredicate(modifiers.Basename ? matchers.Select(m => (TextMatcher)new Basename(m)).ToArray() : matchers, modifiers.All);
    }

    private static TextMatcher[] Searches(IReadOnlyList<ValueItem> items, TextSearchKind kind, bool cased) =>
        items.Select(i => (TextMatcher)new TextSearch(i.Text, kind, cased)).ToArray();

    private static TextMatcher[]? Patterns(IReadOnlyList<ValueItem> items, bool cased)
    {
        var matchers = new List<TextMatcher>();
        foreach (var item in items)
        {
            try
            {
                matchers.Add(new TextPattern(TextPattern.Compile(item.Text, cased)));
            }
            catch (Exception error) when (error is ArgumentException or NotSupportedException)
            {
                item.Error(DiagnosticCodes.BadRegex, $"'{item.Text}' is not a usable regular expression: {error.Message}");
            }
        }
        return matchers.Count == items.Count ? matchers.ToArray() : null;
    }

    private static TextMatcher[]? Blocks(IReadOnlyList<ValueItem> items)
    {
        var blocks = new List<CidrBlock>();
        foreach (var item in items)
        {
            if (CidrBlock.Parse(item.Text) is { } block)
            {
                blocks.Add(block);
            }
            else
            {
                item.Error(DiagnosticCodes.BadCidr, $"'{item.Text}' is not an address block like 10.0.0.0/8 or 2001:db8::/32");
            }
        }
        return blocks.Count == items.Count ? [new AddressInBlocks(blocks)] : null;
    }

    private static FieldPredicate? Refuse(NodeReader reader, YamlNode keyNode, DiagnosticMessage message)
    {
        reader.Error(keyNode, DiagnosticCodes.BadModifier, message);
        return null;
    }
}
