using Luarm.Agent.Interop;
using Luarm.Store.Inventory;

namespace Luarm.Agent.Inventory;

/// <summary>
/// An inventory dumped from rtnetlink and dumped again when the kernel announces a
/// change on <paramref name="groups"/> (or at the poll interval, in case an announcement
/// was lost). Both sockets are opened in <see cref="Open"/>, in the caller's network namespace.
/// </summary>
public abstract class RouteNetlinkSource<T>(uint groups) : IInventorySource<T>
    where T : IInventoryItem
{
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(200);

    /// <summary>Announcements usually come in bursts (a link and its addresses and routes): wait this long for the rest.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(100);

    private readonly byte[] _buffer = new byte[64 * 1024];
    private NetlinkSocket? _events;
    private NetlinkSocket? _dumps;

    public void Open()
    {
        _events = RouteNetlink.Open(groups);
        _dumps = RouteNetlink.Open();
    }

    public IReadOnlyList<T> Read() => Read(_dumps ?? throw new InvalidOperationException("Open the source before reading it"), _buffer);

    public void WaitForChange(TimeSpan wait, CancellationToken cancel)
    {
        var events = _events ?? throw new InvalidOperationException("Open the source before waiting on it");
        var deadline = DateTime.UtcNow + wait;
        while (!cancel.IsCancellationRequested && DateTime.UtcNow < deadline)
        {
            if (Received(events, Slice))
            {
                while (Received(events, Settle))
                {
                    // Drain the burst: one dump answers all of it.
                }
                return;
            }
        }
    }

    public void Dispose()
    {
        _events?.Dispose();
        _dumps?.Dispose();
        GC.SuppressFinalize(this);
    }

    private protected abstract IReadOnlyList<T> Read(NetlinkSocket dumps, byte[] buffer);

    /// <summary>Whether an announcement arrived; a queue overflow (ENOBUFS) lost some, which a new dump makes up for.</summary>
    private bool Received(NetlinkSocket events, TimeSpan wait)
    {
        try
        {
            return events.Receive(_buffer, wait) > 0;
        }
        catch (KernelCallException overrun) when (overrun.Errno == Libc.ENOBUFS)
        {
            return true;
        }
    }
}
