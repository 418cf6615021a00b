namespace Luarm.Engine.Evaluation;

/// <summary>
/// Reads the next rows of a backlog on another thread while the current ones are
/// evaluated, so a catch-up costs about the longer of reading and evaluating, not
/// their sum. A read ahead is used only by a run that starts from the same
/// watermarks and paused tables (after a rebuild, the stored ones): those rows are
/// what it would read itself. Otherwise it is waited for and dropped, so two reads
/// never overlap. Nothing is read ahead once the backlog is done: a live
/// engine reads when its schedule runs, not rows held back from the last run.
/// </summary>
internal sealed class ReadAhead(FactCursor cursor)
{
    private Next? _next;

    public FactCursor Cursor { get; } = cursor;

    /// <summary>The rows after <paramref name="after"/>: the read ahead if it started there, else read now.</summary>
    public async Task<NewRows> ReadAsync(IReadOnlyDictionary<string, long> after, IReadOnlySet<string> paused, CancellationToken cancel)
    {
        if (_next is { } next)
        {
            _next = null;
            if (WatermarkSets.Equal(next.After, after) && next.Paused.SetEquals(paused))
            {
                return await next.Read;
            }
            await FinishedAsync(next.Read);
        }
        return await Cursor.ReadAsync(after, paused, cancel);
    }

    public void Start(IReadOnlyDictionary<string, long> after, IReadOnlySet<string> paused, CancellationToken cancel) =>
        // On the thread pool: SQLite's reads are synchronous under their async API.
        _next = new Next(after, paused, Task.Run(() => Cursor.ReadAsync(after, paused, cancel), cancel));

    private static async Task FinishedAsync(Task read)
    {
        try
        {
            await read;
        }
        catch (Exception)
        {
            // A dropped read's failure does not matter: the run reads again itself.
        }
    }

    private sealed class Next(IReadOnlyDictionary<string, long> after, IReadOnlySet<string> paused, Task<NewRows> read)
    {
        public IReadOnlyDictionary<string, long> After { get; } = after;
        public IReadOnlySet<string> Paused { get; } = paused;
        public Task<NewRows> Read { get; } = read;
    }
}
