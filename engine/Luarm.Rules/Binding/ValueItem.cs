using Luarm.Rules.Diagnostics;
using Luarm.Rules.Parsing;

namespace Luarm.Rules.Binding;

/// <summary>One value of a condition after named lists are expanded, with the node it came from.</summary>
public sealed record ValueItem(string Text, SourcedNode Source)
{
    public void Error(string code, DiagnosticMessage message) => Source.Reader.Error(Source.Node, code, message);
}
