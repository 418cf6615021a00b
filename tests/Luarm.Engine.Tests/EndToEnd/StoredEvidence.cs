using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Luarm.Engine.Tests.EndToEnd;

/// <summary>One fact row behind an alert, as the store keeps it (psinfo or netinfo; columns the other table lacks are null).</summary>
internal sealed record EvidenceRow(
    string Table, long Pid, string Username, long? LoginUid, string? LoginName, string? Origin,
    string? Command, string? Arguments, string? Cwd, string? Application, string? DestIp, long? DestPort);

/// <summary>Reads the evidence of a rule's alerts from an embedded store while <c>luarm run</c> writes it.</summary>
internal static class StoredEvidence
{
    private const string Query = """
        SELECT 'psinfo', p.pid, p.username, p.loginuid, p.loginname, p.origin, p.command, p.arguments, p.cwd, NULL, NULL, NULL
          FROM alerts a JOIN alertevidence e ON e.alertid = a.alertid AND e.facttable = 'psinfo'
          JOIN psinfo p ON p.psentity = e.factid
         WHERE a.ruleid = $rule AND p.pid = $pid
        UNION ALL
        SELECT 'netinfo', n.pid, n.username, n.loginuid, n.loginname, NULL, NULL, NULL, NULL, n.application, n.destip, n.destport
          FROM alerts a JOIN alertevidence e ON e.alertid = a.alertid AND e.facttable = 'netinfo'
          JOIN netinfo n ON n.endpointinfo = e.factid
         WHERE a.ruleid = $rule AND n.pid = $pid
        """;

    /// <summary>The evidence rows of <paramref name="rule"/>'s alerts that name <paramref name="pid"/>, waiting (bounded) until there are both kinds.</summary>
    public static async Task<IReadOnlyList<EvidenceRow>> ForPidAsync(string store, string rule, int pid, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var rows = await ReadAsync(store, rule, pid);
            if (rows.Any(r => r.Table == "psinfo") && rows.Any(r => r.Table == "netinfo") || clock.Elapsed > within)
            {
                return rows;
            }
            await Task.Delay(500);
        }
    }

    /// <summary>Every psinfo row of <paramref name="pid"/>, to explain a missing alert.</summary>
    public static async Task<string> ProcessRowsAsync(string store, int pid)
    {
        await using var connection = await OpenAsync(store);
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT origin, username, command, arguments, cwd, loginuid FROM psinfo WHERE pid = $pid ORDER BY psentity";
        select.Parameters.AddWithValue("$pid", pid);
        await using var reader = await select.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : reader.GetValue(i).ToString())));
        }
        return lines.Count == 0 ? $"no psinfo row for pid {pid}" : string.Join('\n', lines);
    }

    private static async Task<List<EvidenceRow>> ReadAsync(string store, string rule, int pid)
    {
        await using var connection = await OpenAsync(store);
        await using var select = connection.CreateCommand();
        select.CommandText = Query;
        select.Parameters.AddWithValue("$rule", rule);
        select.Parameters.AddWithValue("$pid", pid);
        await using var reader = await select.ExecuteReaderAsync();
        var rows = new List<EvidenceRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new EvidenceRow(
                reader.GetString(0), reader.GetInt64(1), reader.GetString(2), Number(reader, 3), Text(reader, 4), Text(reader, 5),
                Text(reader, 6), Text(reader, 7), Text(reader, 8), Text(reader, 9), Text(reader, 10), Number(reader, 11)));
        }
        return rows;
    }

    private static async Task<SqliteConnection> OpenAsync(string store)
    {
        var connection = new SqliteConnection($"Data Source={store};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        return connection;
    }

    private static string? Text(SqliteDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    private static long? Number(SqliteDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetInt64(column);
}
