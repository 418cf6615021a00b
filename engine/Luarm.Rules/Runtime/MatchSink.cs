using Luarm.Rules.Compilation;

namespace Luarm.Rules.Runtime;

/// <summary>
/// Where rule actions put their matches; one per session, resolved by NRules as a
/// rule dependency. Matches are turned into alerts after firing, in event-time order.
/// </summary>
public sealed class MatchSink
{
    private readonly List<RuleMatch> _matches = [];

    /// <summary>Called from a rule's action. A count's collection is copied: NRules keeps changing it.</summary>
    public void Add(CompiledRule rule, object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is System.Collections.IEnumerable window)
            {
                values[i] = RuleMatch.Window(window.Cast<object>());
            }
        }
        _matches.Add(new RuleMatch(rule, values));
    }

    /// <summary>Called from a scheduled absence's action: nothing of the alias happened in the window.</summary>
    public void AddWindow(CompiledRule rule, ScheduleWindow window) => _matches.Add(new RuleMatch(rule, window));

    public IReadOnlyList<RuleMatch> Drain()
    {
        var drained = _matches.ToArray();
        _matches.Clear();
        return drained;
    }
}
