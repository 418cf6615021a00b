using System.Diagnostics;
using Luarm.Benchmarks.Sessions;

namespace Luarm.Benchmarks.RuleBench;

/// <summary>
/// Rule sets evaluating the same fact stream, fed from memory in the engine's
/// reads (<see cref="SessionFeed"/>): in each round every set runs once, in an
/// order that rotates from round to round, each with fresh sessions, so that a
/// busy moment of the machine falls on all of them alike. A first round, not
/// counted, warms them up (JIT, first sessions).
/// </summary>
public sealed class EvaluationBenchmark(IReadOnlyList<IReadOnlyList<object>> reads, int rounds)
{
    public IReadOnlyList<EvaluationRun>[] Run(IReadOnlyList<RuleSetVariant> variants)
    {
        foreach (var variant in variants)
        {
            Evaluate(variant);
        }
        var runs = variants.Select(_ => new List<EvaluationRun>()).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var k = 0; k < variants.Count; k++)
            {
                var v = (round + k) % variants.Count;
                runs[v].Add(Evaluate(variants[v]));
            }
            Progress.Say($"rules: round {round + 1} of {rounds}: {string.Join(", ", variants.Select((v, i) => $"{v.Name} {runs[i][^1].Seconds:0.00} s"))}");
        }
        return [.. runs];
    }

    /// <summary>One run of the whole stream through fresh sessions of <paramref name="variant"/>.</summary>
    public EvaluationRun Evaluate(RuleSetVariant variant)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var sessions = variant.NewSessions();
        var feed = new SessionFeed(sessions, variant.Retention);
        var clock = Stopwatch.StartNew();
        foreach (var read in reads)
        {
            feed.Feed(read);
        }
        return new EvaluationRun(reads.Sum(r => r.Count), clock.Elapsed.TotalSeconds, sessions.Matches);
    }
}

/// <summary>A rule set to evaluate: fresh sessions for each run, and how long the engine would keep facts for it.</summary>
public sealed record RuleSetVariant(string Name, Func<IRuleSessions> NewSessions, TimeSpan Retention);

/// <summary>One evaluation of the whole stream.</summary>
public sealed record EvaluationRun(long Facts, double Seconds, long Matches)
{
    public double FactsPerSecond => Facts / Seconds;
}
