using Luarm.Rules.Parsing;

namespace Luarm.Rules.Binding;

/// <summary>
/// The named lists and macros every rule file can use, after overlays have
/// replaced or appended to the shipped ones.
/// </summary>
public sealed class RuleLibrary
{
    /// <summary>
    /// How deep lists may include lists and macros use macros: far beyond what a
    /// reader can follow, and well within the binder's stack.
    /// </summary>
    public const int MaxReferenceDepth = 32;

    /// <summary>
    /// How many values a condition's lists may expand to, and how many macros one
    /// condition may expand: a few references that each repeat others would
    /// otherwise grow exponentially, like a YAML alias bomb.
    /// </summary>
    public const int MaxValues = 100_000;

    /// <inheritdoc cref="MaxValues"/>
    public const int MaxMacroExpansions = 1_000;

    private readonly Dictionary<string, List<SourcedNode>> _lists = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourcedNode> _listOrigins = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourcedNode> _macros = new(StringComparer.Ordinal);

    public IEnumerable<string> ListNames => _lists.Keys;

    public IEnumerable<string> MacroNames => _macros.Keys;

    /// <summary>The items of a list, each with its own node (an item may itself be a $reference).</summary>
    public IReadOnlyList<SourcedNode>? List(string name) => _lists.GetValueOrDefault(name);

    public SourcedNode? ListOrigin(string name) => _listOrigins.GetValueOrDefault(name);

    public SourcedNode? Macro(string name) => _macros.GetValueOrDefault(name);

    internal void DefineList(string name, SourcedNode origin, IEnumerable<SourcedNode> items)
    {
        _lists[name] = [.. items];
        _listOrigins[name] = origin;
    }

    internal void AppendToList(string name, IEnumerable<SourcedNode> items) => _lists[name].AddRange(items);

    internal void DefineMacro(string name, SourcedNode body) => _macros[name] = body;
}
