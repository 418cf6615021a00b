using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Luarm.Agent.Pipeline;

/// <summary>
/// Chunks kept on disk while the store cannot take them, one JSON Lines file
/// each, named <c>SEQUENCE.TABLE.ROWS.jsonl</c> and replayed in sequence order.
/// Bounded in bytes: past the bound the oldest files go, and the rows lost are
/// logged. Chunks the store refused while reachable move to <c>rejected/</c>,
/// kept for an examiner rather than retried forever.
/// </summary>
internal sealed class Spool
{
    private const string Extension = ".jsonl";
    private readonly string _directory;
    private readonly long _maxBytes;
    private readonly ILogger _logger;
    private readonly SortedDictionary<long, SpoolFile> _files = [];
    private long _bytes;
    private long _nextSequence;

    public Spool(string directory, long maxBytes, ILogger logger)
    {
        _directory = directory;
        _maxBytes = maxBytes;
        _logger = logger;
        Directory.CreateDirectory(directory);
        // Chunks left by a previous run are replayed first.
        foreach (var path in Directory.EnumerateFiles(directory, "*" + Extension))
        {
            if (SpoolFile.TryParse(path) is { } file)
            {
                _files[file.Sequence] = file;
                _bytes += new FileInfo(path).Length;
            }
        }
        _nextSequence = _files.Count == 0 ? 1 : _files.Keys.Max() + 1;
    }

    public bool IsEmpty => _files.Count == 0;

    /// <summary>Rows waiting on disk.</summary>
    public long Rows => _files.Values.Sum(file => (long)file.Rows);

    public void Add(Chunk chunk)
    {
        var file = Write(chunk, _directory);
        _files[file.Sequence] = file;
        _bytes += new FileInfo(file.Path).Length;
        DropOldestBeyondBound();
    }

    /// <summary>The oldest chunk's file; null when the spool is empty.</summary>
    public SpoolFile? Oldest() => _files.Count == 0 ? null : _files.First().Value;

    /// <summary>The chunk in <paramref name="file"/>; throws when the file is damaged.</summary>
    public static Chunk Read(SpoolFile file)
    {
        var kind = RowKind.Named(file.Table);
        using var stream = File.OpenRead(file.Path);
        return new Chunk(kind, kind.ReadLines(stream));
    }

    public void Remove(SpoolFile file)
    {
        _bytes -= SizeOf(file.Path);
        File.Delete(file.Path);
        _files.Remove(file.Sequence);
    }

    /// <summary>Moves a spooled chunk the store refused, or that cannot be read, out of the replay order; returns where it is kept.</summary>
    public string Reject(SpoolFile file)
    {
        var target = Path.Combine(RejectedDirectory(), file.Name);
        _bytes -= SizeOf(file.Path);
        File.Move(file.Path, target, overwrite: true);
        _files.Remove(file.Sequence);
        return target;
    }

    /// <summary>Keeps a chunk the store refused, without ever replaying it; returns where it is kept.</summary>
    public string Reject(Chunk chunk) => Write(chunk, RejectedDirectory()).Path;

    private string RejectedDirectory() => Directory.CreateDirectory(Path.Combine(_directory, "rejected")).FullName;

    private SpoolFile Write(Chunk chunk, string directory)
    {
        var named = new SpoolFile(_nextSequence++, chunk.Kind.Table.Name, chunk.Rows.Count, "");
        var file = named with { Path = Path.Combine(directory, named.Name) };
        var partial = file.Path + ".partial";
        using (var stream = new FileStream(partial, FileMode.CreateNew, FileAccess.Write))
        {
            chunk.Kind.WriteLines(stream, chunk.Rows);
            stream.Flush(flushToDisk: true);
        }
        // The rename makes a chunk appear whole or not at all, even across a crash.
        File.Move(partial, file.Path);
        return file;
    }

    private void DropOldestBeyondBound()
    {
        var droppedRows = 0L;
        var droppedFiles = 0;
        while (_bytes > _maxBytes && _files.Count > 1)
        {
            var oldest = _files.First().Value;
            droppedRows += oldest.Rows;
            droppedFiles++;
            Remove(oldest);
        }
        if (droppedFiles > 0)
        {
            _logger.LogError("spool {Directory} is over {MaxBytes} bytes: dropped its {Files} oldest chunk(s), {Rows} row(s) lost",
                _directory, _maxBytes, droppedFiles, droppedRows);
        }
    }

    private static long SizeOf(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
}

/// <summary>One spooled chunk's file: its place in the replay order, its table and row count.</summary>
internal sealed record SpoolFile(long Sequence, string Table, int Rows, string Path)
{
    public string Name => string.Create(CultureInfo.InvariantCulture, $"{Sequence:D12}.{Table}.{Rows}.jsonl");

    public static SpoolFile? TryParse(string path)
    {
        var parts = System.IO.Path.GetFileName(path).Split('.');
        return parts.Length == 4
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var rows)
            ? new SpoolFile(sequence, parts[1], rows, path)
            : null;
    }
}
