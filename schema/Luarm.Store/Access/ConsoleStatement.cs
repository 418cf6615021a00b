using System.Text.RegularExpressions;

namespace Luarm.Store.Access;

/// <summary>
/// A statement as typed at the mysql console of the LUARM write-up: <c>;</c> or
/// <c>\G</c> (vertical rows) at the end, and on SQLite the console's
/// <c>show tables</c> and <c>describe T</c> translated, so the same words work
/// on both dialects.
/// </summary>
public sealed partial record ConsoleStatement(string Sql, bool Vertical)
{
    public static ConsoleStatement Parse(string text, StoreDialect dialect)
    {
        var sql = text.Trim();
        var vertical = false;
        while (true)
        {
            if (sql.EndsWith(';'))
            {
                sql = sql[..^1].TrimEnd();
            }
            else if (sql.EndsWith("\\G", StringComparison.Ordinal))
            {
                sql = sql[..^2].TrimEnd();
                vertical = true;
            }
            else
            {
                break;
            }
        }
        return new ConsoleStatement(dialect == StoreDialect.Sqlite ? ForSqlite(sql) : sql, vertical);
    }

    private static string ForSqlite(string sql)
    {
        if (ShowTables().IsMatch(sql))
        {
            return "SELECT name AS Tables_in_luarm FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name";
        }
        var describe = Describe().Match(sql);
        if (describe.Success)
        {
            return $"""
                SELECT name AS Field, type AS Type, CASE WHEN "notnull" THEN 'NO' ELSE 'YES' END AS "Null",
                       CASE WHEN pk > 0 THEN 'PRI' ELSE '' END AS "Key", dflt_value AS "Default",
                       CASE hidden WHEN 2 THEN 'VIRTUAL GENERATED' WHEN 3 THEN 'STORED GENERATED' ELSE '' END AS Extra
                  FROM pragma_table_xinfo('{describe.Groups[1].Value}')
                """;
        }
        return sql;
    }

    [GeneratedRegex(@"^show\s+tables$", RegexOptions.IgnoreCase)]
    private static partial Regex ShowTables();

    [GeneratedRegex(@"^(?:describe|desc)\s+`?([A-Za-z_][A-Za-z0-9_]*)`?$", RegexOptions.IgnoreCase)]
    private static partial Regex Describe();
}
