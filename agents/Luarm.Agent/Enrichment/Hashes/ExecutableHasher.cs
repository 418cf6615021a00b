using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Luarm.Agent.Interop;

namespace Luarm.Agent.Enrichment.Hashes;

/// <summary>
/// Hashes executables on one worker thread, off the collectors' path: a bounded queue of
/// files already open (so a file replaced after the open is not what gets hashed), a cache
/// by identity (device, inode, size, mtime, ctime) so each executable is read once, and one
/// job per identity at a time. A file larger than the bound is not hashed; a file whose
/// identity changed while it was read (written meanwhile) gets no hash rather than a wrong one.
/// </summary>
internal sealed class ExecutableHasher : IDisposable
{
    private readonly EnrichOptions _options;
    private readonly BoundedCache<FileStatus, ExecutableHashes> _cache;
    private readonly ConcurrentDictionary<FileStatus, Task<ExecutableHashes?>> _underWay = new();
    private readonly BlockingCollection<(OpenExecutable File, TaskCompletionSource<ExecutableHashes?> Done)> _jobs;
    private readonly Thread _worker;
    private volatile bool _stopping;
    private int _read;

    public ExecutableHasher(EnrichOptions options)
    {
        _options = options;
        _cache = new BoundedCache<FileStatus, ExecutableHashes>(options.HashCacheEntries);
        _jobs = new(options.HashQueue);
        _worker = new Thread(Work) { IsBackground = true, Name = "luarm hashing" };
        _worker.Start();
    }

    /// <summary>Files read and hashed so far.</summary>
    public int FilesRead => _read;

    /// <summary>The hashes when cached, else the job that will find them, else nothing (too large, gone, queue full).</summary>
    public (ExecutableHashes? Known, Task<ExecutableHashes?>? Pending) Find(string path)
    {
        // A cache hit costs one statx and opens nothing.
        if (FileStatus.OfPath(path) is { } status && _cache.TryGet(status, DateTime.MinValue, out var known))
        {
            return (known, null);
        }
        var file = OpenExecutable.Open(path);
        if (file is null || file.Status.Size > _options.MaxHashBytes)
        {
            file?.Dispose();
            return (null, null);
        }
        if (_cache.TryGet(file.Status, DateTime.MinValue, out known))
        {
            file.Dispose();
            return (known, null);
        }
        // Continuations run on the hashing thread, not the thread pool (which may be starved):
        // they only wake the forwarder waiting for the row.
        var done = new TaskCompletionSource<ExecutableHashes?>();
        var job = _underWay.GetOrAdd(file.Status, done.Task);
        if (job != done.Task || !_jobs.TryAdd((file, done)))
        {
            file.Dispose();
            if (job == done.Task)
            {
                _underWay.TryRemove(file.Status, out _);
                done.SetResult(null);
                return (null, null);
            }
        }
        return (null, job);
    }

    private void Work()
    {
        var buffer = new byte[1 << 16];
        foreach (var (file, done) in _jobs.GetConsumingEnumerable())
        {
            using (file)
            {
                // Stopping: files still queued are closed unread.
                var hashes = _stopping ? null : Hash(file, buffer);
                if (hashes is not null)
                {
                    _cache.Set(file.Status, hashes, DateTime.MaxValue);
                }
                _underWay.TryRemove(file.Status, out _);
                done.SetResult(hashes);
            }
        }
    }

    private unsafe ExecutableHashes? Hash(OpenExecutable file, byte[] buffer)
    {
        Interlocked.Increment(ref _read);
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long offset = 0;
        fixed (byte* bytes = buffer)
        {
            while (true)
            {
                var read = Libc.pread(file.Fd, bytes, (nuint)buffer.Length, offset);
                if (read < 0 && Marshal.GetLastPInvokeError() == Libc.EINTR)
                {
                    continue;
                }
                if (read <= 0 || _stopping)
                {
                    break;
                }
                md5.AppendData(buffer, 0, (int)read);
                sha256.AppendData(buffer, 0, (int)read);
                offset += read;
                if (offset > file.Status.Size)
                {
                    return null;
                }
            }
        }
        // Written while read (or cut short): these bytes were never one version of the file.
        if (offset != file.Status.Size || FileStatus.OfDescriptor(file.Fd) != file.Status)
        {
            return null;
        }
        return new ExecutableHashes(Convert.ToHexStringLower(md5.GetHashAndReset()), Convert.ToHexStringLower(sha256.GetHashAndReset()));
    }

    public void Dispose()
    {
        _stopping = true;
        _jobs.CompleteAdding();
        _worker.Join(TimeSpan.FromSeconds(5));
    }
}
