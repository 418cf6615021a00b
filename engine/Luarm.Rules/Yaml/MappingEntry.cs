using YamlDotNet.RepresentationModel;

namespace Luarm.Rules.Yaml;

/// <summary>One key: value of a YAML mapping, with the key's node for positions.</summary>
public sealed record MappingEntry(string Key, YamlScalarNode KeyNode, YamlNode Value);
