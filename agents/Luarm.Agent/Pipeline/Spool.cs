using Luarm.Store.Access;
using Microsoft.Extensions.Logging;

namespace Luarm.Agent.Pipeline;

/// <summary>
/// Chunks kept on disk while the store cannot take them, one JSON Lines file
/// each (<see cref="SpoolFile"/>), replayed in order. Rows the store can never
/// hold are kept in <c>rejected/</c> for an examiner, and <see cref="Requeue"/>
/// puts them back. Bounded in bytes, rejected/ included: past the bound the
/// oldest rejected files go first, then the oldest chunks, and the rows lost are
/// logged. Folders are 0700 and files 0600 (<see cref="OwnerOnly"/>).
/// </summary>
internal sealed class Spool
{
    public const string RejectedFolder = "rejected";
    private const string Partial = ".partial";

    private readonly string _directory;
    private readonly string _rejectedDirectory;
    private readonly long _maxBytes;
    private readonly ILogger _logger;
    private readonly SortedDictionary<(long, string), SpoolFile> _files = [];
    private readonly SortedDictionary<(long, string), SpoolFile> _rejected = [];
    private long _bytes;
    private long _nextOrder;

    public Spool(string directory, long maxBytes, ILogger logger)
    {
        _directory = directory;
        _rejectedDirectory = Path.Combine(directory, RejectedFolder);
        _maxBytes = maxBytes;
        _logger = logger;
        // Chunks left by a previous run are replayed first; what it set aside still counts against the bound.
        _bytes = Load(_directory, _files) + Load(_rejectedDirectory, _rejected);
        _nextOrder = NextOrder(_files.Values.Concat(_rejected.Values));
    }

    public bool IsEmpty => _files.Count == 0;

    /// <summary>Rows waiting on disk to be replayed.</summary>
    public long Rows => _files.Values.Sum(file => (long)file.Rows);

    /// <summary>Writes <paramref name="chunk"/> behind the others; throws <see cref="IOException"/> when it cannot (a full disk), leaving nothing behind.</summary>
    public void Add(Chunk chunk)
    {
        var file = Write(SpoolFile.Create(_nextOrder++, chunk, _directory), chunk);
        _files[Key(file)] = file;
        _bytes += SizeOf(file.Path);
        DropBeyondBound();
    }

    /// <summary>The oldest chunk's file; null when the spool is empty.</summary>
    public SpoolFile? Oldest() => _files.Count == 0 ? null : _files.First().Value;

    /// <summary>The chunk in <paramref name="file"/>, under its batch id; throws when the file is damaged.</summary>
    public static Chunk Read(SpoolFile file)
    {
        var kind = RowKind.Named(file.Table);
        using var stream = File.OpenRead(file.Path);
        return new Chunk(kind, kind.ReadLines(stream), file.Batch);
    }

    public void Remove(SpoolFile file)
    {
        _bytes -= SizeOf(file.Path);
        File.Delete(file.Path);
        _files.Remove(Key(file));
    }

    /// <summary>Moves a spooled file that cannot be read out of the replay order; returns where it is kept.</summary>
    public string Reject(SpoolFile file)
    {
        var kept = file with { Path = Path.Combine(_rejectedDirectory, file.Name) };
        _bytes -= SizeOf(kept.Path);
        File.Move(file.Path, kept.Path, overwrite: true);
        _files.Remove(Key(file));
        _rejected[Key(kept)] = kept;
        return kept.Path;
    }

    /// <summary>
    /// Keeps rows the store refused, never replayed unless requeued; returns where.
    /// A chunk replayed from <paramref name="order"/> keeps its place, so a replay
    /// after a crash rewrites the same file rather than add a second.
    /// </summary>
    public string Reject(Chunk refused, long? order)
    {
        var file = SpoolFile.Create(order ?? _nextOrder++, refused, _rejectedDirectory);
        var replaced = SizeOf(file.Path);
        Write(file, refused);
        _rejected[Key(file)] = file;
        _bytes += SizeOf(file.Path) - replaced;
        DropBeyondBound();
        return file.Path;
    }

    /// <summary>
    /// Moves every file of <c>rejected/</c> back behind the spooled chunks, each
    /// under a new batch id (its rows were never stored); returns the files moved.
    /// An agent replays them from its next start.
    /// </summary>
    internal static IReadOnlyList<SpoolFile> Requeue(string directory)
    {
        var pending = new SortedDictionary<(long, string), SpoolFile>();
        var rejected = new SortedDictionary<(long, string), SpoolFile>();
        Load(directory, pending);
        Load(Path.Combine(directory, RejectedFolder), rejected);
        var order = NextOrder(pending.Values.Concat(rejected.Values));
        var agent = UploadBatches.NewAgent();
        var requeued = new List<SpoolFile>();
        foreach (var file in rejected.Values)
        {
            var moved = new SpoolFile(order, file.Table, file.Rows, new UploadBatch(agent, order), "");
            moved = moved with { Path = Path.Combine(directory, moved.Name) };
            order++;
            File.Move(file.Path, moved.Path);
            requeued.Add(moved);
        }
        return requeued;
    }

    private static long Load(string folder, SortedDictionary<(long, string), SpoolFile> files)
    {
        OwnerOnly.CreateFolder(folder);
        var bytes = 0L;
        foreach (var path in Directory.EnumerateFiles(folder))
        {
            if (path.EndsWith(Partial, StringComparison.Ordinal))
            {
                // A write cut short by a crash: its chunk was never acknowledged as spooled.
                File.Delete(path);
            }
            else if (SpoolFile.TryParse(path) is { } file)
            {
                OwnerOnly.Tighten(path);
                files[Key(file)] = file;
                bytes += SizeOf(path);
            }
        }
        return bytes;
    }

    private static long NextOrder(IEnumerable<SpoolFile> files) => files.Select(file => file.Order).DefaultIfEmpty(0).Max() + 1;

    private static SpoolFile Write(SpoolFile file, Chunk chunk)
    {
        var partial = file.Path + Partial;
        try
        {
            using (var stream = OwnerOnly.Create(partial))
            {
                chunk.Kind.WriteLines(stream, chunk.Rows);
                stream.Flush(flushToDisk: true);
            }
            // The rename makes a chunk appear whole or not at all, even across a crash.
            File.Move(partial, file.Path, overwrite: true);
            return file;
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    private void DropBeyondBound()
    {
        var rejected = Drop(_rejected, keep: 0);
        var pending = Drop(_files, keep: 1);
        if (rejected.Files > 0)
        {
            _logger.LogError("spool {Directory} is over {MaxBytes} bytes: dropped its {Files} oldest rejected file(s), {Rows} row(s) lost",
                _directory, _maxBytes, rejected.Files, rejected.Rows);
        }
        if (pending.Files > 0)
        {
            _logger.LogError("spool {Directory} is over {MaxBytes} bytes: dropped its {Files} oldest chunk(s), {Rows} row(s) lost",
                _directory, _maxBytes, pending.Files, pending.Rows);
        }
    }

    private (int Files, long Rows) Drop(SortedDictionary<(long, string), SpoolFile> files, int keep)
    {
        var dropped = (Files: 0, Rows: 0L);
        while (_bytes > _maxBytes && files.Count > keep)
        {
            var oldest = files.First().Value;
            _bytes -= SizeOf(oldest.Path);
            File.Delete(oldest.Path);
            files.Remove(Key(oldest));
            dropped = (dropped.Files + 1, dropped.Rows + oldest.Rows);
        }
        return dropped;
    }

    private static (long, string) Key(SpoolFile file) => (file.Order, file.Name);

    private static long SizeOf(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
}
