using Luarm.Rules.Compilation;
using Luarm.Store.Facts;

namespace Luarm.Rules.Runtime;

/// <summary>
/// A session's state for its <see cref="SlidingCountRule"/>s: per rule, a
/// <see cref="CountWindow"/> per group, and which window holds each fact, so a fact
/// that leaves the session or changes (an end record) leaves its window too.
/// </summary>
internal sealed class SlidingCounts : ICountEvaluator
{
    private readonly Dictionary<Type, RuleState[]> _byType;
    private readonly List<IReadOnlyList<object>> _fired = [];

    public SlidingCounts(IReadOnlyList<SlidingCountRule> rules)
    {
        _byType = rules.GroupBy(r => r.Kind.RowType).ToDictionary(g => g.Key, g => g.Select(r => new RuleState(r)).ToArray());
    }

    public void Insert(object fact, MatchSink sink)
    {
        if (_byType.TryGetValue(fact.GetType(), out var states))
        {
            foreach (var state in states)
            {
                Add(state, fact, sink);
            }
        }
    }

    public void Retract(object fact)
    {
        if (_byType.TryGetValue(fact.GetType(), out var states))
        {
            foreach (var state in states)
            {
                Remove(state, fact);
            }
        }
    }

    /// <summary>A fact changed: it is counted again as it is now (its conditions or group may differ).</summary>
    public void Update(object fact, MatchSink sink)
    {
        if (_byType.TryGetValue(fact.GetType(), out var states))
        {
            foreach (var state in states)
            {
                if (state.Holder.TryGetValue(fact, out var window) && state.Rule.Matches(fact) && window.Key == state.Rule.GroupOf(fact))
                {
                    continue;
                }
                Remove(state, fact);
                Add(state, fact, sink);
            }
        }
    }

    private void Add(RuleState state, object fact, MatchSink sink)
    {
        var rule = state.Rule;
        if (!rule.Matches(fact))
        {
            return;
        }
        var key = rule.GroupOf(fact);
        if (!state.Windows.TryGetValue(key, out var window))
        {
            state.Windows[key] = window = new CountWindow(rule, key);
        }
        window.Add(fact, ((IFact)fact).Created, ((IFact)fact).Id, _fired);
        state.Holder[fact] = window;
        foreach (var facts in _fired)
        {
            sink.Add(rule.Compiled, [facts]);
        }
        _fired.Clear();
    }

    private static void Remove(RuleState state, object fact)
    {
        if (!state.Holder.Remove(fact, out var window))
        {
            return;
        }
        var rule = state.Rule;
        window.Remove(fact, ((IFact)fact).Created, ((IFact)fact).Id);
        if (window.IsEmpty)
        {
            state.Windows.Remove(window.Key);
        }
    }

    private sealed class RuleState(SlidingCountRule rule)
    {
        public SlidingCountRule Rule { get; } = rule;
        public Dictionary<CountGroupKey, CountWindow> Windows { get; } = [];
        public Dictionary<object, CountWindow> Holder { get; } = new(ReferenceEqualityComparer.Instance);
    }
}
