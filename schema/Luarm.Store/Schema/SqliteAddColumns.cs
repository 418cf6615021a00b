using System.Data.Common;
using System.Text.RegularExpressions;
using Dapper;

namespace Luarm.Store.Schema;

/// <summary>
/// SQLite has no <c>ADD COLUMN IF NOT EXISTS</c>, yet every migration must be
/// safe to run again (a run cut short is finished by the next one). So a
/// one-line <c>ALTER TABLE t ADD COLUMN c ...;</c> whose column is already there
/// is left out of the script before it runs.
/// </summary>
internal static partial class SqliteAddColumns
{
    [GeneratedRegex(@"^ALTER TABLE (?<table>\w+) ADD COLUMN (?<column>\w+)[^;\n]*;[ \t]*\r?$", RegexOptions.Multiline)]
    private static partial Regex AddColumn();

    public static async Task<string> WithoutExistingAsync(DbConnection connection, string script, CancellationToken cancel)
    {
        var existing = new List<Match>();
        foreach (Match statement in AddColumn().Matches(script))
        {
            var count = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM pragma_table_info(@Table) WHERE name = @Column",
                new { Table = statement.Groups["table"].Value, Column = statement.Groups["column"].Value },
                cancellationToken: cancel));
            if (count > 0)
            {
                existing.Add(statement);
            }
        }
        foreach (var statement in existing.AsEnumerable().Reverse())
        {
            script = script.Remove(statement.Index, statement.Length);
        }
        return script;
    }
}
