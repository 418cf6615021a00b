using Luarm.Rules.Diagnostics;
using Luarm.Rules.Model;
using Luarm.Rules.Yaml;
using YamlDotNet.RepresentationModel;

namespace Luarm.Rules.Binding;

/// <summary>
/// Parses an output template: text with <c>{alias.field}</c> placeholders
/// (<c>{field}</c> when the rule has one alias), <c>{alias.count}</c> for counts,
/// <c>{window.start}</c>, <c>{window.end}</c> and <c>{window.hostid}</c> for a scheduled
/// absence, and <c>{{</c>/<c>}}</c> for literal braces.
/// </summary>
public static class TemplateParser
{
    /// <summary>What a scheduled absence's template calls the window it was missed in.</summary>
    private const string Window = "window";

    private static IEnumerable<string> WindowParts => WindowSlot.Names.Keys.Select(k => $"{Window}.{k}");

    public static OutputTemplate? Parse(NodeReader reader, YamlNode node, IReadOnlyList<MatchAlias> aliases)
    {
        if (reader.Text(node, "output") is not { } text)
        {
            return null;
        }
        var parts = new List<object>();
        var literal = new System.Text.StringBuilder();
        var ok = true;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '{' or '}' && i + 1 < text.Length && text[i + 1] == text[i])
            {
                literal.Append(text[i++]);
                continue;
            }
            if (text[i] == '}')
            {
                reader.Error(node, DiagnosticCodes.BadTemplate, "a '}' without its '{'; write }} for a literal brace");
                return null;
            }
            if (text[i] != '{')
            {
                literal.Append(text[i]);
                continue;
            }
            var close = text.IndexOf('}', i);
            if (close < 0)
            {
                reader.Error(node, DiagnosticCodes.BadTemplate, "a '{' without its '}'; write {{ for a literal brace");
                return null;
            }
            parts.Add(literal.ToString());
            literal.Clear();
            var slot = Slot(reader, node, text[(i + 1)..close].Trim(), aliases);
            ok &= slot is not null;
            parts.Add(slot ?? (object)"");
            i = close;
        }
        parts.Add(literal.ToString());
        return ok ? new OutputTemplate(parts.Where(p => p is not "").ToArray()) : null;
    }

    private static TemplateSlot? Slot(NodeReader reader, YamlNode node, string name, IReadOnlyList<MatchAlias> aliases)
    {
        var dot = name.IndexOf('.');
        var aliasName = dot < 0 ? (aliases.Count == 1 ? aliases[0].Name : null) : name[..dot];
        var fieldName = dot < 0 ? name : name[(dot + 1)..];
        if (aliases[0].Schedule is not null && aliasName == Window)
        {
            return ScheduleWindowSlot(reader, node, name, fieldName);
        }
        var alias = aliases.FirstOrDefault(a => a.Name == aliasName);
        if (alias is null)
        {
            reader.Error(node, DiagnosticCodes.BadTemplate,
                $"'{{{name}}}' names no alias of this rule; write {{alias.field}} with one of: {string.Join(", ", aliases.Select(a => a.Name))}");
            return null;
        }
        if (alias.Absent)
        {
            var instead = alias.Schedule is null ? "" : $"; show the window instead: {string.Join(", ", WindowParts.Select(p => $"{{{p}}}"))}";
            reader.Error(node, DiagnosticCodes.BadTemplate, $"'{{{name}}}': '{alias.Name}' is absent, so it has no fields to show{instead}");
            return null;
        }
        if (fieldName == "count" && alias.Count is not null)
        {
            return new AliasSlot(alias.Name, null);
        }
        if (alias.Kind.Field(fieldName) is not { } field)
        {
            reader.Error(node, DiagnosticCodes.BadTemplate,
                $"'{{{name}}}': {alias.Kind.Name} has no field '{fieldName}'{Suggestion.For(fieldName, alias.Kind.Fields.Keys)}");
            return null;
        }
        return new AliasSlot(alias.Name, field);
    }

    private static WindowSlot? ScheduleWindowSlot(NodeReader reader, YamlNode node, string name, string part)
    {
        if (WindowSlot.Names.TryGetValue(part, out var known))
        {
            return new WindowSlot(known);
        }
        reader.Error(node, DiagnosticCodes.BadTemplate,
            $"'{{{name}}}': a schedule window has no '{part}'{Suggestion.For(part, WindowSlot.Names.Keys)}; use one of: {string.Join(", ", WindowParts.Select(p => $"{{{p}}}"))}");
        return null;
    }
}
