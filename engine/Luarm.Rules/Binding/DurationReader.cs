using Luarm.Rules.Diagnostics;
using Luarm.Rules.Model;
using Luarm.Rules.Yaml;
using YamlDotNet.RepresentationModel;

namespace Luarm.Rules.Binding;

/// <summary>Reads a window or suppression duration, telling a missing unit apart from nonsense.</summary>
public static class DurationReader
{
    public static TimeSpan? Read(NodeReader reader, YamlNode node, string what)
    {
        if (reader.Text(node, what) is not { } text)
        {
            return null;
        }
        if (Duration.Parse(text) is { } duration && duration > TimeSpan.Zero)
        {
            return duration;
        }
        if (Duration.LacksUnit(text))
        {
            reader.Error(node, DiagnosticCodes.WindowUnit, $"{what} '{text}' has no unit; write e.g. {text}s, {text}m, {text}h or {text}d");
        }
        else
        {
            reader.Error(node, DiagnosticCodes.BadDuration, $"{what} '{text}' is not a duration like 30s, 10m, 1h30m or 2d (at most {Duration.Format(Duration.Longest)})");
        }
        return null;
    }
}
