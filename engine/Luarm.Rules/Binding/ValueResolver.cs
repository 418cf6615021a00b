using Luarm.Rules.Diagnostics;
using Luarm.Rules.Parsing;
using Luarm.Rules.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Luarm.Rules.Binding;

/// <summary>
/// Turns a condition's value (one scalar, a list, <c>$name</c> references to
/// named lists, lists inside lists) into a flat list of values.
/// </summary>
public sealed class ValueResolver(RuleLibrary library)
{
    /// <summary>The values, or null when any of them is wrong (each wrong one is reported).</summary>
    public IReadOnlyList<ValueItem>? Expand(SourcedNode node)
    {
        var items = new List<ValueItem>();
        var ok = Expand(node, items, []);
        if (ok && items.Count == 0)
        {
            node.Reader.Error(node.Node, DiagnosticCodes.EmptyValues, "the list of values is empty, so this could never match");
            return null;
        }
        return ok ? items : null;
    }

    private bool Expand(SourcedNode source, List<ValueItem> into, Stack<string> lists)
    {
        var reader = source.Reader;
        switch (source.Node)
        {
            case YamlSequenceNode sequence:
                var ok = true;
                foreach (var child in sequence.Children)
                {
                    if (child is YamlSequenceNode or YamlMappingNode)
                    {
                        reader.Error(child, DiagnosticCodes.WrongShape, $"a value list holds plain values, not {NodeReader.Describe(child)}");
                        ok = false;
                        continue;
                    }
                    ok &= Expand(new SourcedNode(reader, child), into, lists);
                }
                return ok;
            case YamlScalarNode scalar when NodeReader.IsNull(scalar):
                reader.Error(scalar, DiagnosticCodes.WrongType, "no value given; to test that a field is missing write field|exists: false");
                return false;
            case YamlScalarNode { Style: ScalarStyle.Plain, Value: ['$', .. var name] } reference:
                return ExpandList(new SourcedNode(reader, reference), name, into, lists);
            case YamlScalarNode { Value: { } text }:
                into.Add(new ValueItem(text, source));
                return true;
            default:
                reader.Error(source.Node, DiagnosticCodes.WrongShape, $"a value must be plain text, a number or a list of them, not {NodeReader.Describe(source.Node)}");
                return false;
        }
    }

    private bool ExpandList(SourcedNode reference, string name, List<ValueItem> into, Stack<string> lists)
    {
        if (library.List(name) is not { } items)
        {
            reference.Reader.Error(reference.Node, DiagnosticCodes.UnknownList, $"there is no list named '{name}'{Suggestion.For(name, library.ListNames)}");
            return false;
        }
        if (lists.Contains(name))
        {
            reference.Reader.Error(reference.Node, DiagnosticCodes.ListCycle, $"list '{name}' includes itself through {string.Join(" <- ", lists)}");
            return false;
        }
        if (into.Count >= RuleLibrary.MaxValues)
        {
            reference.Reader.Error(reference.Node, DiagnosticCodes.ReferenceTooDeep, $"the lists expand to more than {RuleLibrary.MaxValues} values here");
            return false;
        }
        if (lists.Count >= RuleLibrary.MaxReferenceDepth)
        {
            reference.Reader.Error(reference.Node, DiagnosticCodes.ReferenceTooDeep, $"lists include lists more than {RuleLibrary.MaxReferenceDepth} levels deep here");
            return false;
        }
        lists.Push(name);
        var ok = true;
        foreach (var item in items)
        {
            ok &= Expand(item, into, lists);
        }
        lists.Pop();
        return ok;
    }
}
