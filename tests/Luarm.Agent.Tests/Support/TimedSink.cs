using System.Diagnostics;
using Luarm.Agent.Pipeline;

namespace Luarm.Agent.Tests.Support;

/// <summary>Keeps every row with the moment it arrived, for tests that bound how long rows were held.</summary>
public sealed class TimedSink : IFactSink
{
    private readonly List<(object Row, long Arrived)> _rows = [];

    public void Add(object row)
    {
        lock (_rows)
        {
            _rows.Add((row, Stopwatch.GetTimestamp()));
        }
    }

    public IReadOnlyList<(object Row, long Arrived)> Rows
    {
        get
        {
            lock (_rows)
            {
                return [.. _rows];
            }
        }
    }
}
