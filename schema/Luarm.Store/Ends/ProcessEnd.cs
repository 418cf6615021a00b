using Luarm.Store.Vocabulary;

namespace Luarm.Store.Ends;

/// <summary>
/// The end of a process, appended by an agent (which may not UPDATE) and applied
/// to <c>psinfo.destroyed</c> by the server.
/// </summary>
[FactTable("psend", "psendid")]
public sealed class ProcessEnd
{
    public long PsEndId { get; set; }
    public int HostId { get; set; }
    public int Pid { get; set; }

    /// <summary>The start time of the process when known; it tells reused pids apart.</summary>
    public DateTime? Created { get; set; }
    public DateTime Destroyed { get; set; }
}
