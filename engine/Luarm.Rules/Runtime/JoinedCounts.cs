using Luarm.Rules.Compilation;
using Luarm.Store.Facts;

namespace Luarm.Rules.Runtime;

/// <summary>
/// A session's state for its <see cref="JoinedCountRule"/>s: per rule, the anchors and
/// the facts that may count, each grouped by host and join values. When either side
/// gains a fact, the unfired anchors of its group count their facts afresh, in event
/// time order, up to the threshold; an anchor fires once, with the facts counted.
/// </summary>
internal sealed class JoinedCounts : ICountEvaluator
{
    private readonly RuleState[] _rules;
    private readonly List<object> _counted = [];

    public JoinedCounts(IReadOnlyList<JoinedCountRule> rules) => _rules = [.. rules.Select(r => new RuleState(r))];

    public void Insert(object fact, MatchSink sink)
    {
        foreach (var state in _rules)
        {
            var rule = state.Rule;
            if (fact.GetType() == rule.AnchorKind.RowType && rule.IsAnchor(fact))
            {
                var key = rule.AnchorKey(fact);
                GroupOf(state.Anchors, key).Add(fact);
                TryFire(state, fact, key, sink);
            }
            if (fact.GetType() == rule.ItemKind.RowType && rule.MayCount(fact))
            {
                var key = rule.ItemKey(fact);
                var items = GroupOf(state.Items, key);
                items.Insert(PositionAfter(items, fact), fact);
                FireAnchorsOf(state, key, sink);
            }
        }
    }

    public void Retract(object fact)
    {
        foreach (var state in _rules)
        {
            var rule = state.Rule;
            if (fact.GetType() == rule.AnchorKind.RowType)
            {
                Remove(state.Anchors, rule.AnchorKey(fact), fact);
                state.Fired.Remove(fact);
            }
            if (fact.GetType() == rule.ItemKind.RowType)
            {
                Remove(state.Items, rule.ItemKey(fact), fact);
            }
        }
    }

    /// <summary>
    /// A fact changed (an end record gave it its end): it is tested again as it is now
    /// and its group counted afresh. An anchor that fired stays fired.
    /// </summary>
    public void Update(object fact, MatchSink sink)
    {
        foreach (var state in _rules)
        {
            var rule = state.Rule;
            if (fact.GetType() == rule.AnchorKind.RowType)
            {
                var key = rule.AnchorKey(fact);
                Remove(state.Anchors, key, fact);
                if (rule.IsAnchor(fact))
                {
                    GroupOf(state.Anchors, key).Add(fact);
                    TryFire(state, fact, key, sink);
                }
            }
            if (fact.GetType() == rule.ItemKind.RowType)
            {
                var key = rule.ItemKey(fact);
                Remove(state.Items, key, fact);
                if (rule.MayCount(fact))
                {
                    var items = GroupOf(state.Items, key);
                    items.Insert(PositionAfter(items, fact), fact);
                    FireAnchorsOf(state, key, sink);
                }
            }
        }
    }

    private void FireAnchorsOf(RuleState state, CountGroupKey key, MatchSink sink)
    {
        if (state.Anchors.TryGetValue(key, out var anchors))
        {
            foreach (var anchor in anchors)
            {
                TryFire(state, anchor, key, sink);
            }
        }
    }

    private void TryFire(RuleState state, object anchor, CountGroupKey key, MatchSink sink)
    {
        if (state.Fired.Contains(anchor) || !state.Items.TryGetValue(key, out var items))
        {
            return;
        }
        var rule = state.Rule;
        var values = rule.CountsDistinct ? new HashSet<object>() : null;
        _counted.Clear();
        foreach (var item in items)
        {
            if (!rule.Counts(anchor, item))
            {
                continue;
            }
            _counted.Add(item);
            if (values is not null && rule.DistinctOf(item) is { } value)
            {
                values.Add(value);
            }
            if ((values?.Count ?? _counted.Count) >= rule.AtLeast)
            {
                state.Fired.Add(anchor);
                sink.Add(rule.Compiled, [anchor, _counted.ToArray()]);
                return;
            }
        }
    }

    private static List<object> GroupOf(Dictionary<CountGroupKey, List<object>> groups, CountGroupKey key) =>
        groups.TryGetValue(key, out var group) ? group : groups[key] = [];

    private static void Remove(Dictionary<CountGroupKey, List<object>> groups, CountGroupKey key, object fact)
    {
        if (groups.TryGetValue(key, out var group) && group.Remove(fact) && group.Count == 0)
        {
            groups.Remove(key);
        }
    }

    /// <summary>Where a fact goes to keep the group in event-time order (then id); the end when in order.</summary>
    private static int PositionAfter(List<object> items, object fact)
    {
        var (created, id) = (((IFact)fact).Created, ((IFact)fact).Id);
        var position = items.Count;
        while (position > 0 && items[position - 1] is IFact item && (item.Created > created || (item.Created == created && item.Id > id)))
        {
            position--;
        }
        return position;
    }

    private sealed class RuleState(JoinedCountRule rule)
    {
        public JoinedCountRule Rule { get; } = rule;
        public Dictionary<CountGroupKey, List<object>> Anchors { get; } = [];
        public Dictionary<CountGroupKey, List<object>> Items { get; } = [];
        public HashSet<object> Fired { get; } = new(ReferenceEqualityComparer.Instance);
    }
}
