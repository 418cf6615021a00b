using System.Globalization;
using Luarm.Rules.Model;

namespace Luarm.Rules.Runtime;

/// <summary>
/// One window of a schedule on one host, [<see cref="Start"/>, <see cref="End"/>): a
/// fact the session inserts once the host's clock reaches the start. Rules with the
/// schedule conclude it when the host's clock reaches the end.
/// </summary>
public sealed class ScheduleWindow(Schedule schedule, int hostId, DateTime start, DateTime end)
{
    public Schedule Schedule { get; } = schedule;
    public int HostId { get; } = hostId;
    public DateTime Start { get; } = start;
    public DateTime End { get; } = end;

    /// <summary>What tells this window's alert apart from the rule's others: it has no evidence rows.</summary>
    public string AlertDiscriminator => string.Create(CultureInfo.InvariantCulture, $"host {HostId} window {Start:O}/{End:O}");
}
