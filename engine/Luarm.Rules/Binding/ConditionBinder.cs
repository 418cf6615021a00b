using System.Text.RegularExpressions;
using Luarm.Rules.Diagnostics;
using Luarm.Rules.Model;
using Luarm.Rules.Model.Conditions;
using Luarm.Rules.Parsing;
using Luarm.Rules.Yaml;
using YamlDotNet.RepresentationModel;

namespace Luarm.Rules.Binding;

/// <summary>
/// Binds a condition mapping: field keys with modifiers, joins (<c>pid: proc.pid</c>),
/// <c>any:</c>/<c>all:</c>/<c>not:</c> groups and <c>macro:</c> references, reporting
/// every error it finds and returning null when there was one.
/// </summary>
public sealed partial class ConditionBinder(RuleLibrary library, PredicateBinder predicates)
{
    public Condition? BindMapping(SourcedNode node, BindingScope scope) => BindMapping(node, scope, new MacroTrail());

    private Condition? BindMapping(SourcedNode node, BindingScope scope, MacroTrail macros)
    {
        var reader = node.Reader;
        if (reader.Mapping(node.Node, "a condition") is not { } mapping)
        {
            return null;
        }
        var entries = reader.Entries(mapping, "a condition");
        if (entries.Count == 0)
        {
            reader.Error(mapping, DiagnosticCodes.WrongShape, "an empty condition; give at least one field");
            return null;
        }
        var parts = entries.Select(e => BindEntry(reader, e, scope, macros)).ToArray();
        return parts.Any(p => p is null) ? null : Combine(parts!);
    }

    private static Condition Combine(IReadOnlyList<Condition> parts) => parts.Count == 1 ? parts[0] : new AllOf(parts);

    private Condition? BindEntry(NodeReader reader, MappingEntry entry, BindingScope scope, MacroTrail macros) => entry.Key switch
    {
        RuleKeys.Any => BindGroup(reader, entry, scope, macros, parts => new AnyOf(parts)),
        RuleKeys.All => BindGroup(reader, entry, scope, macros, parts => new AllOf(parts)),
        RuleKeys.Not => BindNot(reader, entry, scope, macros),
        RuleKeys.Macro => BindMacros(reader, entry, scope, macros),
        _ => BindField(reader, entry, scope),
    };

    /// <summary><c>any:</c>/<c>all:</c> take a list of condition mappings, or a mapping whose entries are the parts.</summary>
    private Condition? BindGroup(NodeReader reader, MappingEntry entry, BindingScope scope, MacroTrail macros, Func<IReadOnlyList<Condition>, Condition> group)
    {
        var parts = Parts(reader, entry, scope, macros);
        return parts is null ? null : group(parts);
    }

    /// <summary><c>not:</c> a mapping negates all of it; a list means none of its items holds.</summary>
    private Condition? BindNot(NodeReader reader, MappingEntry entry, BindingScope scope, MacroTrail macros)
    {
        if (entry.Value is YamlMappingNode)
        {
            return BindMapping(new SourcedNode(reader, entry.Value), scope, macros) is { } inner ? new NotOf(inner) : null;
        }
        var parts = Parts(reader, entry, scope, macros);
        return parts is null ? null : new NotOf(new AnyOf(parts));
    }

    private IReadOnlyList<Condition>? Parts(NodeReader reader, MappingEntry entry, BindingScope scope, MacroTrail macros)
    {
        IReadOnlyList<Condition?> parts = entry.Value switch
        {
            YamlSequenceNode list when list.Children.Count > 0 => list.Children.Select(c => BindMapping(new SourcedNode(reader, c), scope, macros)).ToArray(),
            YamlMappingNode map when map.Children.Count > 0 => reader.Entries(map, $"'{entry.Key}'").Select(e => BindEntry(reader, e, scope, macros)).ToArray(),
            _ => [Missing(reader, entry)],
        };
        return parts.Any(p => p is null) ? null : parts.OfType<Condition>().ToArray();
    }

    private static Condition? Missing(NodeReader reader, MappingEntry entry)
    {
        reader.Error(entry.Value, DiagnosticCodes.WrongShape, $"'{entry.Key}:' needs a list of conditions");
        return null;
    }

    private Condition? BindMacros(NodeReader reader, MappingEntry entry, BindingScope scope, MacroTrail macros)
    {
        var parts = new List<Condition?>();
        foreach (var nameNode in NodeReader.Items(entry.Value))
        {
            if (reader.Text(nameNode, "a macro name") is not { } name)
            {
                parts.Add(null);
            }
            else if (library.Macro(name) is not { } body)
            {
                reader.Error(nameNode, DiagnosticCodes.UnknownMacro, $"there is no macro named '{name}'{Suggestion.For(name, library.MacroNames)}");
                parts.Add(null);
            }
            else if (macros.Contains(name))
            {
                reader.Error(nameNode, DiagnosticCodes.MacroCycle, $"macro '{name}' uses itself through {string.Join(" <- ", macros)}");
                parts.Add(null);
            }
            else if (++macros.Expansions > RuleLibrary.MaxMacroExpansions)
            {
                reader.Error(nameNode, DiagnosticCodes.ReferenceTooDeep, $"this condition expands more than {RuleLibrary.MaxMacroExpansions} macros");
                parts.Add(null);
            }
            else if (macros.Count >= RuleLibrary.MaxReferenceDepth)
            {
                reader.Error(nameNode, DiagnosticCodes.ReferenceTooDeep, $"macros use macros more than {RuleLibrary.MaxReferenceDepth} levels deep here");
                parts.Add(null);
            }
            else
            {
                macros.Push(name);
                parts.Add(BindMapping(body, scope, macros));
                macros.Pop();
            }
        }
        return parts.Any(p => p is null) ? null : Combine(parts!);
    }

    private Condition? BindField(NodeReader reader, MappingEntry entry, BindingScope scope)
    {
        var key = FieldKey.Parse(entry.Key);
        if (ResolveField(reader, entry.KeyNode, key, scope) is not { } field)
        {
            return null;
        }
        if (Modifiers.Parse(reader, entry.KeyNode, key.Modifiers) is not { } modifiers)
        {
            return null;
        }
        if (modifiers is { Operator: null, Basename: false, All: false } && JoinTarget(entry.Value) is { } target)
        {
            return BindJoin(reader, entry, field, target, modifiers.Cased, scope);
        }
        var predicate = predicates.Bind(reader, entry.KeyNode, field.Field, modifiers, new SourcedNode(reader, entry.Value));
        return predicate is null ? null : new FieldTest(field, predicate);
    }

    /// <summary>An unquoted <c>alias.field</c> value: a join candidate. Quote it to mean the text.</summary>
    private static (string Alias, string Field)? JoinTarget(YamlNode value)
    {
        if (value is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: { } text } && JoinPattern().Match(text) is { Success: true } match)
        {
            return (match.Groups[1].Value, match.Groups[2].Value);
        }
        return null;
    }

    private Condition? BindJoin(NodeReader reader, MappingEntry entry, FieldRef field, (string Alias, string Field) target, bool cased, BindingScope scope)
    {
        var other = scope.Find(target.Alias);
        if (other is null || other.Name == field.Alias)
        {
            var looksLikeJoin = field.Field.Type == FieldType.Number || Suggestion.For(target.Alias, scope.Aliases.Select(a => a.Name)).Length > 0;
            if (other is null && !looksLikeJoin)
            {
                // Not a join after all, e.g. a file name like "setup.exe": an ordinary value.
                var predicate = predicates.Bind(reader, entry.KeyNode, field.Field, new Modifiers(null, false, cased, false), new SourcedNode(reader, entry.Value));
                return predicate is null ? null : new FieldTest(field, predicate);
            }
            var aliases = string.Join(", ", scope.Aliases.Where(a => a.Name != field.Alias).Select(a => a.Name));
            reader.Error(entry.Value, DiagnosticCodes.UndefinedAlias,
                $"'{target.Alias}.{target.Field}' joins to '{target.Alias}', which is not another alias of this rule (they are: {(aliases.Length == 0 ? "none" : aliases)}); quote the value to mean the text");
            return null;
        }
        if (scope.WhyNotReadable(other) is { } why)
        {
            reader.Error(entry.Value, DiagnosticCodes.BadJoin, why);
            return null;
        }
        if (other.Kind.Field(target.Field) is not { } otherField)
        {
            reader.Error(entry.Value, DiagnosticCodes.UnknownField, $"{other.Kind.Name} '{other.Name}' has no field '{target.Field}'{Suggestion.For(target.Field, other.Kind.Fields.Keys)}");
            return null;
        }
        if (otherField.Type != field.Field.Type || field.Field.Type == FieldType.Time)
        {
            reader.Error(entry.Value, DiagnosticCodes.BadJoin,
                $"'{field}' ({field.Field.Type.ToString().ToLowerInvariant()}) cannot be joined to '{other.Name}.{otherField.Name}' ({otherField.Type.ToString().ToLowerInvariant()}); joins compare text with text or numbers with numbers, and times are ordered with after:");
            return null;
        }
        return new FieldJoin(field, new FieldRef(other.Name, otherField), cased);
    }

    private static FieldRef? ResolveField(NodeReader reader, YamlNode keyNode, FieldKey key, BindingScope scope)
    {
        AliasInfo? alias;
        if (key.Alias is null)
        {
            alias = scope.Implicit;
            if (alias is null)
            {
                reader.Error(keyNode, DiagnosticCodes.UndefinedAlias, $"say which alias '{key.Field}' belongs to, e.g. {scope.Aliases[0].Name}.{key.Field}");
                return null;
            }
        }
        else
        {
            alias = scope.Find(key.Alias);
            if (alias is null)
            {
                reader.Error(keyNode, DiagnosticCodes.UndefinedAlias,
                    $"'{key.Alias}' is not an alias of this rule{Suggestion.For(key.Alias, scope.Aliases.Select(a => a.Name))}; aliases: {string.Join(", ", scope.Aliases.Select(a => a.Name))}");
                return null;
            }
            if (scope.WhyNotReadable(alias) is { } why)
            {
                reader.Error(keyNode, DiagnosticCodes.BadJoin, why);
                return null;
            }
        }
        if (alias.Kind.Field(key.Field) is not { } field)
        {
            reader.Error(keyNode, DiagnosticCodes.UnknownField,
                $"{alias.Kind.Name} has no field '{key.Field}'{Suggestion.For(key.Field, alias.Kind.Fields.Keys)}; fields are the {alias.Kind.Table.Name} columns");
            return null;
        }
        return new FieldRef(alias.Name, field);
    }

    [GeneratedRegex("^([a-z][a-z0-9_]*)\\.([a-z][a-z0-9_]*)$")]
    private static partial Regex JoinPattern();
}
