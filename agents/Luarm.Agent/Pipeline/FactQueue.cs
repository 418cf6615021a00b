using System.Threading.Channels;

namespace Luarm.Agent.Pipeline;

/// <summary>
/// The bounded in-memory queue between collectors and the uploader. A full queue
/// makes collectors wait (the kernel then buffers, and says when it drops);
/// nothing is dropped here.
/// </summary>
public sealed class FactQueue(int capacity) : IFactSink
{
    private readonly Channel<object> _rows = Channel.CreateBounded<object>(new BoundedChannelOptions(capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    public ChannelReader<object> Reader => _rows.Reader;

    /// <summary>Rows queued and not yet taken by the uploader.</summary>
    public int Count => _rows.Reader.Count;

    public void Add(object row)
    {
        if (!_rows.Writer.TryWrite(row))
        {
            // Collectors run on their own threads, so waiting here blocks nobody else.
            _rows.Writer.WriteAsync(row).AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>No more rows will come: the uploader drains what is queued, then stops.</summary>
    public void Complete() => _rows.Writer.TryComplete();
}
