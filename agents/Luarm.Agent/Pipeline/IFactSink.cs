namespace Luarm.Agent.Pipeline;

/// <summary>Where collectors put rows (facts and ends), in the order they happened.</summary>
public interface IFactSink
{
    /// <summary>Adds one row; blocks while the queue is full rather than lose it.</summary>
    void Add(object row);
}
