using Luarm.Agent.Interop;
using Luarm.Store.Facts;

namespace Luarm.Agent.Enrichment.Hashes;

/// <summary>
/// Fills <c>md5sum</c> and <c>sha256</c> of psinfo and of netinfo (LUARM's hash of the
/// application behind the endpoint) with hashes of the executable. While the process
/// lives its image is read through <c>/proc/PID/exe</c>, which is the file it runs even when
/// the path was since replaced or deleted; a psinfo row whose process is gone, or whose pid
/// now runs another image, is hashed by its <c>exe</c> path: the file there at hash time.
/// fileinfo's <c>md5sum</c> is left alone: it would be the accessed file's, not an executable's.
/// </summary>
internal sealed class ExecutableHashEnricher(ExecutableHasher hasher) : IFactEnricher
{
    public PendingEnrichment? Begin(object row) => row switch
    {
        ProcessFact process when ImageOf(process.Pid, process.Exe) is { } path =>
            Begin(path, hashes => (process.Md5Sum, process.Sha256) = (hashes.Md5, hashes.Sha256)),
        EndpointFact endpoint when endpoint.Pid > 0 =>
            Begin($"/proc/{endpoint.Pid}/exe", hashes => (endpoint.Md5Sum, endpoint.Sha256) = (hashes.Md5, hashes.Sha256)),
        _ => null,
    };

    private PendingEnrichment? Begin(string path, Action<ExecutableHashes> fill)
    {
        var (known, pending) = hasher.Find(path);
        if (known is not null)
        {
            fill(known);
        }
        return pending is null ? null : new PendingEnrichment(pending, () =>
        {
            if (pending is { IsCompletedSuccessfully: true, Result: { } hashes })
            {
                fill(hashes);
            }
        });
    }

    /// <summary>
    /// The running image when /proc still shows the row's exe for that pid (also once that path
    /// was replaced or deleted: the kernel then adds " (deleted)"), else the exe path; null without one.
    /// </summary>
    private static string? ImageOf(int pid, string? exe)
    {
        const string Deleted = " (deleted)";
        if (exe is null)
        {
            return null;
        }
        var image = $"/proc/{pid}/exe";
        var running = pid > 0 ? ProcFile.ReadLink(image) : null;
        if (running is not null && (running == exe || running == exe + Deleted))
        {
            return image;
        }
        return exe.EndsWith(Deleted, StringComparison.Ordinal) ? null : exe;
    }

    public void Dispose() => hasher.Dispose();
}
