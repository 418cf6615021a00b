using Luarm.Rules.Diagnostics;
using Luarm.Rules.Parsing;
using Luarm.Rules.Yaml;
using YamlDotNet.RepresentationModel;

namespace Luarm.Rules.Binding;

/// <summary>
/// Applies definition documents in load order: shipped files define lists and
/// macros (a second definition is an error); overlay files replace them, or
/// append to a list with <c>{append: [...]}</c>; any file may tune a rule by id.
/// </summary>
public sealed class LibraryBuilder(IReadOnlyDictionary<string, RuleSyntax> rules)
{
    public RuleLibrary Library { get; } = new();

    public void Apply(SourcedNode definitions, bool isOverlay)
    {
        var reader = definitions.Reader;
        reader.Diagnostics.RuleId = null;
        foreach (var entry in reader.Entries((YamlMappingNode)definitions.Node, "definitions", RuleKeys.Definitions))
        {
            if (reader.Mapping(entry.Value, $"'{entry.Key}'") is not { } mapping)
            {
                continue;
            }
            foreach (var item in reader.Entries(mapping, $"'{entry.Key}'"))
            {
                switch (entry.Key)
                {
                    case "lists":
                        ApplyList(reader, item, isOverlay);
                        break;
                    case "macros":
                        ApplyMacro(reader, item, isOverlay);
                        break;
                    default:
                        ApplyTuning(reader, item);
                        break;
                }
            }
        }
    }

    private void ApplyList(NodeReader reader, MappingEntry item, bool isOverlay)
    {
        if (!Names.IsValid(item.Key))
        {
            reader.Error(item.KeyNode, DiagnosticCodes.BadId, $"'{item.Key}' is not a valid list name; use at most 64 lowercase letters, digits and _");
            return;
        }
        if (item.Value is YamlMappingNode appendNode)
        {
            var append = reader.Entries(appendNode, $"list '{item.Key}'", RuleKeys.ListAppend).FirstOrDefault();
            if (append is null)
            {
                reader.Error(appendNode, DiagnosticCodes.WrongShape, $"list '{item.Key}' must be a list of values, or {{append: [values]}} in an overlay");
            }
            else if (!isOverlay)
            {
                reader.Error(append.KeyNode, DiagnosticCodes.WrongShape, "append belongs in an overlay file (*.local.yaml), which applies after the shipped lists");
            }
            else if (Library.List(item.Key) is null)
            {
                reader.Error(item.KeyNode, DiagnosticCodes.UnknownList, $"cannot append to list '{item.Key}': no such list{Suggestion.For(item.Key, Library.ListNames)}");
            }
            else
            {
                Library.AppendToList(item.Key, ItemsOf(reader, append.Value));
            }
            return;
        }
        if (!isOverlay && Library.ListOrigin(item.Key) is { } first)
        {
            reader.Error(item.KeyNode, DiagnosticCodes.DuplicateList,
                $"list '{item.Key}' is already defined at {first.Reader.At(first.Node)}; replace it from an overlay file (*.local.yaml)");
            return;
        }
        Library.DefineList(item.Key, new SourcedNode(reader, item.KeyNode), ItemsOf(reader, item.Value));
    }

    private static IEnumerable<SourcedNode> ItemsOf(NodeReader reader, YamlNode node) =>
        NodeReader.Items(node).Select(n => new SourcedNode(reader, n));

    private void ApplyMacro(NodeReader reader, MappingEntry item, bool isOverlay)
    {
        if (!Names.IsValid(item.Key))
        {
            reader.Error(item.KeyNode, DiagnosticCodes.BadId, $"'{item.Key}' is not a valid macro name; use at most 64 lowercase letters, digits and _");
            return;
        }
        if (reader.Mapping(item.Value, $"macro '{item.Key}'") is null)
        {
            return;
        }
        if (!isOverlay && Library.Macro(item.Key) is { } first)
        {
            reader.Error(item.KeyNode, DiagnosticCodes.DuplicateMacro,
                $"macro '{item.Key}' is already defined at {first.Reader.At(first.Node)}; replace it from an overlay file (*.local.yaml)");
            return;
        }
        Library.DefineMacro(item.Key, new SourcedNode(reader, item.Value));
    }

    private void ApplyTuning(NodeReader reader, MappingEntry item)
    {
        if (!rules.TryGetValue(item.Key, out var rule))
        {
            reader.Warning(item.KeyNode, DiagnosticCodes.UnknownRule, $"no loaded rule has id '{item.Key}'{Suggestion.For(item.Key, rules.Keys)}; this tuning does nothing");
            return;
        }
        if (reader.Mapping(item.Value, $"tuning of {item.Key}") is not { } tuning)
        {
            return;
        }
        foreach (var option in reader.Entries(tuning, $"tuning of {item.Key}", RuleKeys.Tuning))
        {
            switch (option.Key)
            {
                case "enabled":
                    rule.EnabledOverride = reader.Bool(option.Value, "enabled") ?? rule.EnabledOverride;
                    break;
                case "severity":
                    rule.SeverityOverride = SeverityReader.Read(reader, option.Value) ?? rule.SeverityOverride;
                    break;
                default:
                    if (reader.Sequence(option.Value, "exceptions") is { } exceptions)
                    {
                        rule.OverlayExceptions.AddRange(exceptions.Children.Select(e => new SourcedNode(reader, e)));
                    }
                    break;
            }
        }
    }
}
