using System.Data.Common;
using System.Text;

namespace Luarm.Store.Access;

/// <summary>
/// One statement carrying many rows' values as named parameters (@p0, @p1, ...),
/// which MySqlConnector and Microsoft.Data.Sqlite both bind (a positional ? is
/// MariaDB's only). Plain ADO.NET rather than Dapper: every batch size would be
/// another SQL text in Dapper's cache.
/// </summary>
internal sealed class BatchStatement
{
    /// <summary>Bytes of values per statement, well below MariaDB's default max_allowed_packet (16 MiB).</summary>
    private const long MaxBytesPerStatement = 4 * 1024 * 1024;

    private readonly List<object> _values = [];

    /// <summary>Adds a value and returns its placeholder; a placeholder may be used more than once.</summary>
    public string Bind(object value)
    {
        _values.Add(value);
        return "@p" + (_values.Count - 1);
    }

    public async Task<int> ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancel)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < _values.Count; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + i;
            parameter.Value = _values[i];
            command.Parameters.Add(parameter);
        }
        return await command.ExecuteNonQueryAsync(cancel);
    }

    /// <summary>
    /// <c>INSERT INTO {into} VALUES (...),(...)</c>, cut into statements of at most
    /// <paramref name="rowsPerStatement"/> rows or about 4 MiB of values, whichever comes first.
    /// </summary>
    public static async Task InsertAsync(
        DbConnection connection, DbTransaction transaction, string into, IEnumerable<object[]> rows,
        int rowsPerStatement, CancellationToken cancel)
    {
        var head = $"INSERT INTO {into} VALUES ";
        var statement = new BatchStatement();
        var text = new StringBuilder(head);
        var rowsInStatement = 0;
        long bytes = 0;
        foreach (var row in rows)
        {
            text.Append(rowsInStatement == 0 ? "(" : ",(").AppendJoin(", ", row.Select(statement.Bind)).Append(')');
            bytes += row.Sum(value => value is string s ? s.Length * 4L : 16);
            rowsInStatement++;
            if (rowsInStatement == rowsPerStatement || bytes >= MaxBytesPerStatement)
            {
                await statement.ExecuteAsync(connection, transaction, text.ToString(), cancel);
                statement = new BatchStatement();
                text.Clear().Append(head);
                rowsInStatement = 0;
                bytes = 0;
            }
        }
        if (rowsInStatement > 0)
        {
            await statement.ExecuteAsync(connection, transaction, text.ToString(), cancel);
        }
    }
}
