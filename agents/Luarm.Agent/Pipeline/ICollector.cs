namespace Luarm.Agent.Pipeline;

/// <summary>
/// One kernel interface turned into rows of one fact kind. <see cref="Open"/>
/// acquires the interface (so a missing permission fails at start, in one line);
/// <see cref="Run"/> then blocks on a dedicated thread until cancelled.
/// </summary>
public interface ICollector : IDisposable
{
    /// <summary>process, endpoint, file, device or login (the fact kind's name), or an inventory table's name.</summary>
    string Name { get; }

    /// <summary>Starts listening; events after this call are not missed.</summary>
    void Open();

    void Run(IFactSink sink, CancellationToken cancel);
}
