using Luarm.Rules.Diagnostics;
using Luarm.Rules.Model;
using Luarm.Rules.Yaml;
using YamlDotNet.RepresentationModel;

namespace Luarm.Rules.Parsing;

/// <summary>
/// A rule document as written, before binding, plus the tuning overlays applied
/// to it (enabled, severity, extra exceptions).
/// </summary>
public sealed class RuleSyntax(string id, NodeReader reader, YamlMappingNode body, SourceSpan where)
{
    public string Id { get; } = id;
    public NodeReader Reader { get; } = reader;
    public YamlMappingNode Body { get; } = body;
    public SourceSpan Where { get; } = where;

    public bool? EnabledOverride { get; set; }
    public RuleSeverity? SeverityOverride { get; set; }
    public List<SourcedNode> OverlayExceptions { get; } = [];
}
