using Luarm.Rules.Yaml;
using YamlDotNet.RepresentationModel;

namespace Luarm.Rules.Parsing;

/// <summary>A YAML node with the reader of its file, for nodes that travel between files (lists, macros, overlay exceptions).</summary>
public sealed record SourcedNode(NodeReader Reader, YamlNode Node);
