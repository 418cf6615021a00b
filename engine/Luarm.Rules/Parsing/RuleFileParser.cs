using Luarm.Rules.Diagnostics;
using Luarm.Rules.Yaml;
using YamlDotNet.RepresentationModel;

namespace Luarm.Rules.Parsing;

/// <summary>
/// Reads one rule file (one or more YAML documents separated by ---) and sorts
/// its documents: a mapping with an <c>id</c> is a rule; one with <c>lists</c>,
/// <c>macros</c> or <c>rules</c> holds shared definitions.
/// </summary>
public static class RuleFileParser
{
    public static ParsedFile Parse(string path, DiagnosticBag diagnostics) =>
        Parse(path, YamlFileReader.Read(path, YamlLimits.RuleFile, diagnostics), diagnostics);

    public static ParsedFile Parse(string path, IReadOnlyList<YamlDocument> documents, DiagnosticBag diagnostics)
    {
        var reader = new NodeReader(path, diagnostics);
        var rules = new List<RuleSyntax>();
        var definitions = new List<SourcedNode>();
        diagnostics.RuleId = null;
        foreach (var document in documents)
        {
            var root = document.RootNode;
            if (root is YamlScalarNode scalar && NodeReader.IsNull(scalar))
            {
                continue;
            }
            if (reader.Mapping(root, "a rule file document") is not { } mapping)
            {
                continue;
            }
            if (NodeReader.Find(mapping, "id") is { } idNode)
            {
                if (reader.Text(idNode, "id") is { } id)
                {
                    rules.Add(new RuleSyntax(id, reader, mapping, reader.At(mapping)));
                }
            }
            else if (mapping.Children.Count > 0 && mapping.Children.Keys.All(k => k is YamlScalarNode { Value: { } key } && RuleKeys.Definitions.Contains(key)))
            {
                definitions.Add(new SourcedNode(reader, mapping));
            }
            else
            {
                reader.Error(mapping, DiagnosticCodes.UnknownDocument,
                    "this document is neither a rule (it has no 'id') nor definitions (only 'lists', 'macros' and 'rules' keys)");
            }
        }
        return new ParsedFile(path, ParsedFile.IsOverlayPath(path), rules, definitions);
    }
}
