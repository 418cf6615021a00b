using Luarm.Store.Alerts;

namespace Luarm.Engine.Alerts;

/// <summary>An alert as the sinks render it: the stored alert, its host's name and its evidence rows.</summary>
public sealed record AlertReport(StoredAlert Alert, string HostName, IReadOnlyList<EvidenceRow> Evidence)
{
    public IReadOnlyList<string> Tags { get; } =
        Alert.Tags.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The evidence rows of one fact type (<c>ProcessFact</c>, <c>EndpointFact</c>, ...), in evidence order.</summary>
    public IEnumerable<T> RowsOf<T>() where T : class => Evidence.Select(e => e.Row).OfType<T>();
}
