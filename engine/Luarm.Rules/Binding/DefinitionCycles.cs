using Luarm.Rules.Diagnostics;
using Luarm.Rules.Parsing;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Luarm.Rules.Binding;

/// <summary>
/// Finds lists that include themselves (through <c>$name</c>) and macros that use
/// themselves (through <c>macro:</c>), whether or not a rule uses them, and
/// reports each cycle once at the definition where it was found. The walk keeps
/// its own stack, so a long chain of definitions cannot overflow the thread's.
/// </summary>
public static class DefinitionCycles
{
    public static void Report(RuleLibrary library)
    {
        foreach (var cycle in Find(library.ListNames, name => library.List(name)!.SelectMany(item => ListReferences(item.Node))))
        {
            var origin = library.ListOrigin(cycle[0])!;
            origin.Reader.Diagnostics.RuleId = null;
            origin.Reader.Error(origin.Node, DiagnosticCodes.ListCycle, $"list '{cycle[0]}' includes itself through {string.Join(" -> ", cycle)}");
        }
        foreach (var cycle in Find(library.MacroNames, name => MacroReferences(library.Macro(name)!.Node)))
        {
            var body = library.Macro(cycle[0])!;
            body.Reader.Diagnostics.RuleId = null;
            body.Reader.Error(body.Node, DiagnosticCodes.MacroCycle, $"macro '{cycle[0]}' uses itself through {string.Join(" -> ", cycle)}");
        }
    }

    /// <summary>Each cycle once, as the names along it from where it was entered back to that name.</summary>
    public static IEnumerable<IReadOnlyList<string>> Find(IEnumerable<string> names, Func<string, IEnumerable<string>> references)
    {
        var known = names.ToHashSet(StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in known.Order(StringComparer.Ordinal))
        {
            if (done.Contains(start))
            {
                continue;
            }
            var path = new List<string> { start };
            var onPath = new HashSet<string>(StringComparer.Ordinal) { start };
            var pending = new Stack<IEnumerator<string>>();
            pending.Push(references(start).Where(known.Contains).Distinct().GetEnumerator());
            while (pending.Count > 0)
            {
                var next = pending.Peek();
                if (!next.MoveNext())
                {
                    next.Dispose();
                    pending.Pop();
                    done.Add(path[^1]);
                    onPath.Remove(path[^1]);
                    path.RemoveAt(path.Count - 1);
                    continue;
                }
                var name = next.Current;
                if (onPath.Contains(name))
                {
                    yield return [.. path.Skip(path.IndexOf(name)), name];
                }
                else if (!done.Contains(name))
                {
                    path.Add(name);
                    onPath.Add(name);
                    pending.Push(references(name).Where(known.Contains).Distinct().GetEnumerator());
                }
            }
        }
    }

    private static IEnumerable<string> ListReferences(YamlNode node) => Scalars(node)
        .Where(s => s is { Style: ScalarStyle.Plain, Value: ['$', _, ..] })
        .Select(s => s.Value![1..]);

    private static IEnumerable<string> MacroReferences(YamlNode node) => Nodes(node)
        .OfType<YamlMappingNode>()
        .SelectMany(m => m.Children)
        .Where(e => e.Key is YamlScalarNode { Value: RuleKeys.Macro })
        .SelectMany(e => Scalars(e.Value))
        .Select(s => s.Value ?? "");

    private static IEnumerable<YamlScalarNode> Scalars(YamlNode node) => Nodes(node).OfType<YamlScalarNode>();

    /// <summary>The node and everything under it, without recursion.</summary>
    private static IEnumerable<YamlNode> Nodes(YamlNode root)
    {
        var pending = new Stack<YamlNode>([root]);
        while (pending.TryPop(out var node))
        {
            yield return node;
            var children = node switch
            {
                YamlSequenceNode sequence => sequence.Children,
                YamlMappingNode mapping => mapping.Children.SelectMany(e => new[] { e.Key, e.Value }),
                _ => [],
            };
            foreach (var child in children)
            {
                pending.Push(child);
            }
        }
    }
}
