using System.Runtime.InteropServices;

namespace Luarm.Agent.Interop;

/// <summary>A failed system call, named with errno's text (e.g. "fanotify_init: Operation not permitted").</summary>
public sealed class KernelCallException(string call, int errno)
    : IOException($"{call}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})")
{
    public int Errno { get; } = errno;

    internal static KernelCallException FromLastError(string call) => new(call, Marshal.GetLastPInvokeError());
}
