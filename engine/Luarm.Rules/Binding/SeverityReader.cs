using Luarm.Rules.Diagnostics;
using Luarm.Rules.Model;
using Luarm.Rules.Yaml;
using YamlDotNet.RepresentationModel;

namespace Luarm.Rules.Binding;

/// <summary>Reads a severity name: info, low, medium, high or critical.</summary>
public static class SeverityReader
{
    private static readonly string[] Names = Enum.GetNames<RuleSeverity>().Select(n => n.ToLowerInvariant()).ToArray();

    public static RuleSeverity? Read(NodeReader reader, YamlNode node)
    {
        if (reader.Text(node, "severity") is not { } text)
        {
            return null;
        }
        if (Enum.TryParse<RuleSeverity>(text, ignoreCase: true, out var severity) && Names.Contains(text.ToLowerInvariant()))
        {
            return severity;
        }
        reader.Error(node, DiagnosticCodes.BadSeverity, $"'{text}' is not a severity; use one of: {string.Join(", ", Names)}");
        return null;
    }
}
