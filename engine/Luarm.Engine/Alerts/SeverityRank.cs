using Luarm.Store.Alerts;

namespace Luarm.Engine.Alerts;

/// <summary>Orders stored severity names; one the engine does not know ranks above critical, so no filter ever drops it.</summary>
internal static class SeverityRank
{
    public static int Of(string stored) =>
        AlertSeverities.TryParse(stored.Trim(), out var severity) ? (int)severity : (int)AlertSeverity.Critical + 1;
}
