using System.Data.Common;
using Luarm.Store.Access;
using Luarm.Store.Ends;
using Luarm.Store.Facts;
using Luarm.Store.Health;

namespace Luarm.Agent.Tests.Support;

/// <summary>
/// Rows collectors added, appended to a real store as the uploader does (facts
/// before ends, so the store's end triggers find their rows), then read back.
/// </summary>
public static class StoredRows
{
    public static async Task AppendAsync(FactStore store, params RecordingSink[] sinks)
    {
        var writer = new FactWriter(store);
        await writer.AppendAsync(sinks.SelectMany(sink => sink.All<ProcessFact>()).ToArray());
        await writer.AppendAsync(sinks.SelectMany(sink => sink.All<EndpointFact>()).ToArray());
        await writer.AppendAsync(sinks.SelectMany(sink => sink.All<ProcessEnd>()).ToArray());
        await writer.AppendAsync(sinks.SelectMany(sink => sink.All<EndpointEnd>()).ToArray());
        await writer.AppendAsync(sinks.SelectMany(sink => sink.All<AgentLoss>()).ToArray());
    }

    /// <summary>Every row of <paramref name="sql"/> (one parameter, <c>@p</c>), each column as text (NULL as null).</summary>
    public static Task<List<string?[]>> QueryAsync(FactStore store, string sql, object parameter) =>
        store.RunAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            var p = command.CreateParameter();
            p.ParameterName = "@p";
            p.Value = parameter;
            command.Parameters.Add(p);
            await using DbDataReader reader = await command.ExecuteReaderAsync();
            var rows = new List<string?[]>();
            while (await reader.ReadAsync())
            {
                rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))]);
            }
            return rows;
        });
}
