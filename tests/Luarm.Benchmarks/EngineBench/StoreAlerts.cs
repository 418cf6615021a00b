using System.Globalization;
using Luarm.Store.Access;

namespace Luarm.Benchmarks.EngineBench;

/// <summary>The alerts table as the benchmark needs it: per rule counts, and emptied between rounds.</summary>
public static class StoreAlerts
{
    /// <summary>Per rule: alerts stored and their hits (every match, suppressed ones included).</summary>
    public static async Task<Dictionary<string, (long Alerts, long Hits)>> ByRuleAsync(FactStore store)
    {
        var result = await new SqlQuery(store).RunAsync("select ruleid, count(*), sum(hitcount) from alerts group by ruleid");
        return result.Rows.ToDictionary(
            row => (string)row[0]!,
            row => (Convert.ToInt64(row[1], CultureInfo.InvariantCulture), Convert.ToInt64(row[2], CultureInfo.InvariantCulture)));
    }

    public static async Task<long> CountAsync(FactStore store, string ruleId) =>
        Convert.ToInt64((await new SqlQuery(store).RunAsync($"select count(*) from alerts where ruleid = '{ruleId}'")).Rows[0][0], CultureInfo.InvariantCulture);

    public static Task ClearAsync(FactStore store) =>
        store.RunAsync(async connection =>
        {
            foreach (var statement in new[] { "DELETE FROM alertevidence", "DELETE FROM alerts" })
            {
                await using var command = connection.CreateCommand();
                command.CommandText = statement;
                await command.ExecuteNonQueryAsync();
            }
        });
}
