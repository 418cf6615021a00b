using Luarm.Agent.Pipeline;

namespace Luarm.Agent.Tests.Support;

/// <summary>A collector opened and running on its own thread until disposed, recording what it adds.</summary>
public sealed class RunningCollector : IDisposable
{
    private readonly ICollector _collector;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private Exception? _failure;

    /// <param name="open">Opens the collector; a test may open it elsewhere (e.g. in a network namespace).</param>
    public RunningCollector(ICollector collector, Action<ICollector>? open = null)
    {
        _collector = collector;
        (open ?? (c => c.Open()))(collector);
        _thread = new Thread(() =>
        {
            try
            {
                collector.Run(Sink, _stop.Token);
            }
            catch (Exception failure)
            {
                _failure = failure;
            }
        })
        { IsBackground = true, Name = "collector " + collector.Name };
        _thread.Start();
    }

    public RecordingSink Sink { get; } = new();

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join(TimeSpan.FromSeconds(10));
        _collector.Dispose();
        _stop.Dispose();
        if (_failure is not null)
        {
            throw new InvalidOperationException($"collector {_collector.Name} failed", _failure);
        }
    }
}
