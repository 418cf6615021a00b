using Luarm.Rules.Model;

namespace Luarm.Rules.Testing;

/// <summary>
/// Gives rows written without an id the next free id of their table, in order,
/// so evidence of a test (psinfo:1, netinfo:2) can be named without writing ids.
/// </summary>
public static class FactIds
{
    public static void AssignMissing(IEnumerable<object> facts)
    {
        foreach (var group in facts.GroupBy(f => FactKind.Of(f.GetType())))
        {
            var kind = group.Key;
            var next = group.Select(kind.IdOf).DefaultIfEmpty().Max();
            foreach (var fact in group.Where(f => kind.IdOf(f) == 0))
            {
                kind.Id.Write(fact, ++next);
            }
        }
    }
}
