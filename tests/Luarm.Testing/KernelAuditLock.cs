namespace Luarm.Testing;

/// <summary>
/// The kernel has one audit reader, one rule list and one backlog setting, and
/// <c>dotnet test</c> runs the test assemblies side by side: a test in one that
/// shrinks the backlog or takes the registration costs a <c>luarm run</c> in
/// another its records. Every collection that reaches the kernel's audit takes
/// this lock for its whole run: a file lock, so it holds across processes and
/// is released by the kernel when a test process dies.
/// </summary>
public sealed class KernelAuditLock : IDisposable
{
    private static readonly string LockFile = Path.Combine(Path.GetTempPath(), "luarm-tests-kernel-audit.lock");
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(20);
    private readonly FileStream _held;

    public KernelAuditLock()
    {
        var giveUp = DateTime.UtcNow + GiveUpAfter;
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive flock on Linux: a second holder fails at once.
                _held = new FileStream(LockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return;
            }
            catch (IOException) when (DateTime.UtcNow < giveUp)
            {
                Thread.Sleep(250);
            }
        }
    }

    public void Dispose() => _held.Dispose();
}
