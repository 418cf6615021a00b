using Luarm.Store.Facts;

namespace Luarm.Benchmarks.RuleSets;

/// <summary>Where <see cref="HandWrittenIrcBotRule"/> puts its matches: a count, as the benchmark compares counts.</summary>
public sealed class IrcBotMatches
{
    public long Count { get; private set; }

    public void Add(ProcessFact process, EndpointFact connection)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(connection);
        Count++;
    }
}
