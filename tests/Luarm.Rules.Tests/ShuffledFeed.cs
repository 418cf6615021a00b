using Luarm.Rules.Runtime;

namespace Luarm.Rules.Tests;

/// <summary>Feeds a session as an engine with late agents might: small batches, shuffled, some facts a batch late.</summary>
internal static class ShuffledFeed
{
    /// <summary>Feeds batches (shuffled within, some facts held back to arrive late), firing after each; every match is one alert.</summary>
    public static List<RuleAlert> Run(DetectionSession session, IReadOnlyList<object> facts, int seed)
    {
        var random = new Random(seed);
        var alerts = new List<RuleAlert>();
        var held = new List<object>();
        for (var start = 0; start < facts.Count; start += 7)
        {
            var batch = facts.Skip(start).Take(7).ToList();
            var late = batch.Where(_ => random.Next(6) == 0).ToList();
            batch = [.. batch.Except(late), .. held];
            held = late;
            session.Insert(batch.OrderBy(_ => random.Next()).ToArray());
            alerts.AddRange(session.Fire());
        }
        session.Insert(held);
        alerts.AddRange(session.Fire());
        return alerts;
    }
}
