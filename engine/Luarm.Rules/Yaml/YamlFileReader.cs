using Luarm.Rules.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Luarm.Rules.Yaml;

/// <summary>
/// Reads a YAML file into documents with line:column marks, or reports why it
/// cannot: unreadable, too large, not UTF-8, control characters, too deep,
/// anchors and aliases (which can expand exponentially), or a syntax error at
/// its position. Never throws for bad input.
/// </summary>
public static class YamlFileReader
{
    public static IReadOnlyList<YamlDocument> Read(string path, YamlLimits limits, DiagnosticBag diagnostics)
    {
        byte[] bytes;
        try
        {
            var size = new FileInfo(path).Length;
            if (size > limits.MaxBytes)
            {
                diagnostics.Error(SourceSpan.StartOf(path), DiagnosticCodes.YamlTooLarge,
                    $"the file is {size} bytes; at most {limits.MaxBytes} are read");
                return [];
            }
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(SourceSpan.StartOf(path), DiagnosticCodes.FileUnreadable, $"cannot read the file: {error.Message}");
            return [];
        }
        return RuleText.Decode(path, bytes, diagnostics) is { } text ? Parse(path, text, limits, diagnostics) : [];
    }

    /// <summary>
    /// Parses YAML text. Anything YamlDotNet throws is a syntax error: at its own
    /// position for a <see cref="YamlException"/>, otherwise (its scanner throws
    /// InvalidOperationException on some broken flow collections) where the
    /// scanner had got to.
    /// </summary>
    public static IReadOnlyList<YamlDocument> Parse(string path, string text, YamlLimits limits, DiagnosticBag diagnostics)
    {
        var scanner = new Scanner(new StringReader(text));
        try
        {
            if (!WithinLimits(path, new Parser(scanner), limits, diagnostics))
            {
                return [];
            }
            scanner = new Scanner(new StringReader(text));
            var stream = new YamlStream();
            stream.Load(new Parser(scanner));
            return [.. stream.Documents];
        }
        catch (YamlException error)
        {
            diagnostics.Error(Span(path, error.Start), DiagnosticCodes.YamlSyntax, $"{PlainMessage(error)}");
            return [];
        }
        catch (Exception)
        {
            diagnostics.Error(Span(path, scanner.CurrentPosition), DiagnosticCodes.YamlSyntax, "the YAML cannot be read from here on (check brackets, braces, quotes and indentation)");
            return [];
        }
    }

    private static SourceSpan Span(string path, Mark mark) => new(path, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));

    /// <summary>Walks the event stream (no tree, no recursion) to refuse what would be dangerous to build.</summary>
    private static bool WithinLimits(string path, Parser parser, YamlLimits limits, DiagnosticBag diagnostics)
    {
        var depth = 0;
        while (parser.MoveNext())
        {
            var current = parser.Current!;
            var where = Span(path, current.Start);
            switch (current)
            {
                case AnchorAlias:
                    diagnostics.Error(where, DiagnosticCodes.YamlAlias,
                        "YAML aliases (*name) are not accepted; use a named list ($name) or a macro instead");
                    return false;
                case NodeEvent { Anchor.IsEmpty: false } anchored:
                    diagnostics.Error(where, DiagnosticCodes.YamlAnchor,
                        $"YAML anchors (&{anchored.Anchor.Value}) are not accepted; use a named list ($name) or a macro instead");
                    return false;
            }
            switch (current)
            {
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
