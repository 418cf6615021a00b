using System.Globalization;
using Luarm.Rules.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Luarm.Rules.Yaml;

/// <summary>
/// Reads typed values out of YAML nodes of one file, reporting a wrong shape or
/// type at the node's position and returning null so reading goes on.
/// </summary>
public sealed class NodeReader(string file, DiagnosticBag diagnostics)
{
    public string File { get; } = file;

    public DiagnosticBag Diagnostics { get; } = diagnostics;

    public SourceSpan At(YamlNode node) => new(File, (int)node.Start.Line, (int)node.Start.Column);

    public void Error(YamlNode node, string code, string message) => Diagnostics.Error(At(node), code, message);

    public void Warning(YamlNode node, string code, string message) => Diagnostics.Warning(At(node), code, message);

    /// <summary>An error whose interpolated values are cut to <see cref="DiagnosticMessage.MaxValueLength"/> characters.</summary>
    public void Error(YamlNode node, string code, DiagnosticMessage message) => Diagnostics.Error(At(node), code, message.ToStringAndClear());

    /// <inheritdoc cref="Error(YamlNode, string, DiagnosticMessage)"/>
    public void Warning(YamlNode node, string code, DiagnosticMessage message) => Diagnostics.Warning(At(node), code, message.ToStringAndClear());

    public YamlMappingNode? Mapping(YamlNode node, string what)
    {
        if (node is YamlMappingNode mapping)
        {
            return mapping;
        }
        Error(node, DiagnosticCodes.WrongShape, $"{what} must be a mapping of key: value, not {Describe(node)}");
        return null;
    }

    public YamlSequenceNode? Sequence(YamlNode node, string what)
    {
        if (node is YamlSequenceNode sequence)
        {
            return sequence;
        }
        Error(node, DiagnosticCodes.WrongShape, $"{what} must be a list, not {Describe(node)}");
        return null;
    }

    /// <summary>The node as a list of items: a list's items, or a single value as a list of one.</summary>
    public static IReadOnlyList<YamlNode> Items(YamlNode node) => node is YamlSequenceNode sequence ? sequence.Children.ToArray() : [node];

    public string? Text(YamlNode node, string what)
    {
        if (node is YamlScalarNode { Value: { } value } scalar && !IsNull(scalar))
        {
            return value;
        }
        Error(node, DiagnosticCodes.WrongType, $"{what} must be a text value, not {Describe(node)}");
        return null;
    }

    public bool? Bool(YamlNode node, string what)
    {
        if (node is YamlScalarNode { Value: { } value })
        {
            if (value is "true" or "True" or "yes")
            {
                return true;
            }
            if (value is "false" or "False" or "no")
            {
                return false;
            }
        }
        Error(node, DiagnosticCodes.WrongType, $"{what} must be true or false, not {Describe(node)}");
        return null;
    }

    public int? PositiveInt(YamlNode node, string what)
    {
        if (node is YamlScalarNode { Value: { } value }
            && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0)
        {
            return number;
        }
        Error(node, DiagnosticCodes.WrongType, $"{what} must be a whole number above 0, not {Describe(node)}");
        return null;
    }

    public IReadOnlyList<string> TextList(YamlNode node, string what) =>
        Items(node).Select(item => Text(item, what)).OfType<string>().ToArray();

    /// <summary>
    /// The entries of a mapping whose keys are text, reporting unknown keys (with a
    /// suggestion) when <paramref name="allowed"/> is given.
    /// </summary>
    public IReadOnlyList<MappingEntry> Entries(YamlMappingNode mapping, string what, IReadOnlyCollection<string>? allowed = null)
    {
        var entries = new List<MappingEntry>();
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key } scalarKey)
            {
                Error(keyNode, DiagnosticCodes.WrongShape, $"keys of {what} must be plain names");
                continue;
            }
            if (allowed is not null && !allowed.Contains(key))
            {
                Error(keyNode, DiagnosticCodes.UnknownKey, $"'{key}' is not a key of {what}{Suggestion.For(key, allowed)}; expected one of: {string.Join(", ", allowed)}");
                continue;
            }
            entries.Add(new MappingEntry(key, scalarKey, value));
        }
        return entries;
    }

    public static YamlNode? Find(YamlMappingNode mapping, string key) =>
        mapping.Children.FirstOrDefault(e => e.Key is YamlScalarNode { Value: { } k } && k == key).Value;

    public static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL";

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode scalar when IsNull(scalar) => "an empty value",
        YamlScalarNode { Value: var value } => $"'{DiagnosticMessage.Cap(value ?? "")}'",
        _ => "this node",
    };
}
