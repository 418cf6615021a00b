using Luarm.Engine.Evaluation;
using Luarm.Rules.Compilation;

namespace Luarm.Benchmarks.Sessions;

/// <summary>How long the engine keeps a host's facts for a rule set: its longest window, at least the configured minimum.</summary>
public static class EngineRetention
{
    public static TimeSpan Of(CompiledRuleSet rules, EngineOptions options) =>
        TimeSpan.FromSeconds(Math.Max(rules.LongestWindow.TotalSeconds, options.MinimumRetentionSeconds));
}
