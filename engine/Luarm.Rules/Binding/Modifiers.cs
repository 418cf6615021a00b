using Luarm.Rules.Diagnostics;
using Luarm.Rules.Yaml;
using YamlDotNet.RepresentationModel;

namespace Luarm.Rules.Binding;

/// <summary>
/// The modifiers of a condition key, Sigma style: at most one operator
/// (contains, startswith, endswith, re, cidr, in, gt, gte, lt, lte, exists),
/// the <c>basename</c> transform and the <c>cased</c> and <c>all</c> flags.
/// </summary>
public sealed record Modifiers(string? Operator, bool Basename, bool Cased, bool All)
{
    public static readonly string[] Operators = ["contains", "startswith", "endswith", "re", "cidr", "in", "gt", "gte", "lt", "lte", "exists"];
    private static readonly string[] Flags = ["basename", "cased", "all"];

    /// <summary>Reads the modifiers; null (after reporting) when one is unknown or two operators clash.</summary>
    public static Modifiers? Parse(NodeReader reader, YamlNode keyNode, IReadOnlyList<string> names)
    {
        string? op = null;
        bool basename = false, cased = false, all = false, ok = true;
        foreach (var name in names)
        {
            switch (name)
            {
                case "basename":
                    basename = true;
                    break;
                case "cased":
                    cased = true;
                    break;
                case "all":
                    all = true;
                    break;
                case var known when Operators.Contains(known):
                    if (op is not null)
                    {
                        reader.Error(keyNode, DiagnosticCodes.BadModifier, $"'|{op}' and '|{known}' cannot be combined; a condition takes one operator");
                        ok = false;
                    }
                    op = known;
                    break;
                default:
                    reader.Error(keyNode, DiagnosticCodes.UnknownModifier,
                        $"'|{name}' is not a modifier{Suggestion.For(name, [.. Operators, .. Flags])}; known: {string.Join(", ", Operators.Concat(Flags))}");
                    ok = false;
                    break;
            }
        }
        return ok ? new Modifiers(op, basename, cased, all) : null;
    }

    public bool IsPlainEquality => Operator is null or "in";

    public override string ToString() =>
        string.Concat(new[] { Basename ? "|basename" : null, Operator is null ? null : "|" + Operator, Cased ? "|cased" : null, All ? "|all" : null }.OfType<string>());
}
