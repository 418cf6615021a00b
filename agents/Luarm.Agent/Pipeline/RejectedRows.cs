namespace Luarm.Agent.Pipeline;

/// <summary>What an operator does with the rows in a spool's rejected/ folder.</summary>
public static class RejectedRows
{
    /// <summary>
    /// Puts every rejected file back into the replay order of the spool at
    /// <paramref name="spoolDirectory"/> (after, say, a migration that lets the
    /// store hold them); the agent replays them from its next start.
    /// </summary>
    public static (int Files, long Rows) Requeue(string spoolDirectory)
    {
        var requeued = Spool.Requeue(spoolDirectory);
        return (requeued.Count, requeued.Sum(file => (long)file.Rows));
    }
}
