using System.Runtime.InteropServices;

namespace Luarm.Agent.Tests.Support;

/// <summary>
/// A network namespace of the test's own (`ip netns add`), removed on dispose, so
/// interfaces a test creates never touch the host's network.
/// </summary>
public sealed class NetworkNamespace : IDisposable
{
    private const int CLONE_NEWNET = 0x40000000;

    public NetworkNamespace()
    {
        Name = "luarmtest" + Guid.NewGuid().ToString("N")[..8];
        Shell.Run("ip", "netns", "add", Name);
    }

    public string Name { get; }

    /// <summary>Runs <paramref name="action"/> on a thread inside the namespace: sockets it opens stay there.</summary>
    public void Enter(Action action)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var handle = File.OpenHandle("/var/run/netns/" + Name);
                if (setns((int)handle.DangerousGetHandle(), CLONE_NEWNET) != 0)
                {
                    throw new InvalidOperationException($"setns({Name}) failed: errno {Marshal.GetLastPInvokeError()}");
                }
                action();
            }
            catch (Exception error)
            {
                failure = error;
            }
        });
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            throw new InvalidOperationException($"in network namespace {Name}", failure);
        }
    }

    /// <summary>
    /// Adds a dummy interface, or a bridge where the kernel has no dummy driver
    /// (both are virtual, with no address): what the test needs is its uevents.
    /// </summary>
    public void AddVirtualInterface(string name)
    {
        try
        {
            Shell.Run("ip", "-n", Name, "link", "add", name, "type", "dummy");
        }
        catch (InvalidOperationException noDummy) when (noDummy.Message.Contains("Unknown device type", StringComparison.Ordinal))
        {
            Shell.Run("ip", "-n", Name, "link", "add", name, "type", "bridge");
        }
    }

    public void Dispose() => Shell.Run("ip", "netns", "delete", Name);

    // DllImport: LibraryImport would need unsafe code in the test project for one blittable call.
    [DllImport("libc", SetLastError = true)]
    private static extern int setns(int fd, int namespaceType);
}
