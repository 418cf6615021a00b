using Luarm.Rules.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Luarm.Rules.Yaml;

/// <summary>
/// Reads a YAML file into documents with line:column marks, or reports why it
/// cannot: unreadable, too large, too deep, aliases (which can expand
/// exponentially), or a syntax error at its position. Never throws for bad input.
/// </summary>
public static class YamlFileReader
{
    public static IReadOnlyList<YamlDocument> Read(string path, YamlLimits limits, DiagnosticBag diagnostics)
    {
        string text;
        try
        {
            var size = new FileInfo(path).Length;
            if (size > limits.MaxBytes)
            {
                diagnostics.Error(SourceSpan.StartOf(path), DiagnosticCodes.YamlTooLarge,
                    $"the file is {size} bytes; at most {limits.MaxBytes} are read");
                return [];
            }
            text = File.ReadAllText(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(SourceSpan.StartOf(path), DiagnosticCodes.FileUnreadable, $"cannot read the file: {error.Message}");
            return [];
        }
        return Parse(path, text, limits, diagnostics);
    }

    public static IReadOnlyList<YamlDocument> Parse(string path, string text, YamlLimits limits, DiagnosticBag diagnostics)
    {
        try
        {
            if (!WithinLimits(path, text, limits, diagnostics))
            {
                return [];
            }
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return [.. stream.Documents];
        }
        catch (YamlException error)
        {
            var where = new SourceSpan(path, (int)Math.Max(1, error.Start.Line), (int)Math.Max(1, error.Start.Column));
            diagnostics.Error(where, DiagnosticCodes.YamlSyntax, PlainMessage(error));
            return [];
        }
    }

    /// <summary>Walks the event stream (no tree, no recursion) to refuse what would be dangerous to build.</summary>
    private static bool WithinLimits(string path, string text, YamlLimits limits, DiagnosticBag diagnostics)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        while (parser.MoveNext())
        {
            var current = parser.Current!;
            var where = new SourceSpan(path, (int)current.Start.Line, (int)current.Start.Column);
            switch (current)
            {
                case AnchorAlias:
                    diagnostics.Error(where, DiagnosticCodes.YamlAlias,
                        "YAML aliases (*name) are not accepted; use a named list ($name) or a macro instead");
                    return false;
                case MappingStart or SequenceStart when ++depth > limits.MaxDepth:
                    diagnostics.Error(where, DiagnosticCodes.YamlTooDeep, $"nesting is deeper than {limits.MaxDepth} levels");
                    return false;
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
            }
        }
        return true;
    }

    private static string PlainMessage(YamlException error)
    {
        var message = error.InnerException?.Message ?? error.Message;
        // YamlDotNet prefixes its own "(Line: x, Col: y, ...)" position; ours is already in front.
        var close = message.StartsWith('(') ? message.IndexOf("): ", StringComparison.Ordinal) : -1;
        return close > 0 ? message[(close + 3)..] : message;
    }
}
