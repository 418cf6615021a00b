using Luarm.Rules.Parsing;

namespace Luarm.Rules.Binding;

/// <summary>
/// The named lists and macros every rule file can use, after overlays have
/// replaced or appended to the shipped ones.
/// </summary>
public sealed class RuleLibrary
{
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
