using Luarm.Engine.Evaluation;
using Luarm.Store.Access;
using Luarm.Store.Alerts;
using Luarm.Testing;

namespace Luarm.Engine.Tests.Evaluation;

/// <summary>A store, the shipped rule pack and an evaluation cycle over them; <see cref="Restart"/> simulates a killed engine.</summary>
internal sealed class EngineHarness(TestStore test, ActiveRuleSet rules)
{
    public EvaluationCycle Cycle { get; private set; } = NewCycle(test.Store, rules);

    public FactStore Store => test.Store;

    public static EngineHarness Over(TestStore test, params string[] rulePaths)
    {
        var rules = new ActiveRuleSet(rulePaths.Length == 0 ? [RepositoryPaths.Rules] : rulePaths);
        Assert.True(rules.TryReload());
        return new EngineHarness(test, rules);
    }

    public void Restart() => Cycle = NewCycle(test.Store, rules);

    /// <summary>A cycle over one shard, as an engine node runs it; two of them for one shard act as two nodes.</summary>
    public EvaluationCycle NodeCycle(HostShard shard) => new(test.Store, rules, Options, shard: shard);

    /// <summary>Runs <paramref name="cycle"/> until the shard has no unread rows; returns the rows read.</summary>
    public static async Task<int> CatchUpAsync(EvaluationCycle cycle)
    {
        var read = 0;
        EvaluationResult result;
        do
        {
            result = await cycle.RunOnceAsync();
            read += result.RowsRead;
        }
        while (result.More);
        return read;
    }

    public Task Append<T>(params T[] rows) where T : class => new FactWriter(test.Store).AppendAsync(rows);

    /// <summary>Runs until the store has no unread rows.</summary>
    public async Task<int> EvaluateAsync()
    {
        var added = 0;
        EvaluationResult result;
        do
        {
            result = await Cycle.RunOnceAsync();
            added += result.NewAlerts;
        }
        while (result.More);
        return added;
    }

    public async Task<IReadOnlyList<StoredAlert>> AlertsAsync(string ruleId)
    {
        var listed = await new AlertLog(test.Store).ListAsync(new AlertFilter { RuleId = ruleId, Limit = 1000 });
        var full = new List<StoredAlert>();
        foreach (var alert in listed)
        {
            full.Add((await new AlertLog(test.Store).GetAsync(alert.AlertId))!);
        }
        return full;
    }

    private static EngineOptions Options => new() { BatchSize = 500 };

    private static EvaluationCycle NewCycle(FactStore store, ActiveRuleSet rules) => new(store, rules, Options);
}
