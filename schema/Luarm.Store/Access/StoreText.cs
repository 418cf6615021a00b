namespace Luarm.Store.Access;

/// <summary>
/// Text cut to what a column holds. Both dialects count a VARCHAR(n) in characters
/// (code points: MariaDB's utf8mb4, SQLite's substr), so a cut never splits a
/// surrogate pair and the agent's cut equals the server's <c>LEFT(x, n)</c>.
/// </summary>
public static class StoreText
{
    /// <summary>
    /// The most characters a TEXT column (65,535 bytes) takes whatever they are (4 bytes
    /// each in UTF-8). MariaDB refuses a longer value before any trigger runs, so the
    /// server's own cut with a marker (migration 0012) only works on what fits this.
    /// </summary>
    public const int TextColumn = 65_535 / 4;

    public static string Clip(string value, int characters)
    {
        if (value.Length <= characters)
        {
            return value;
        }
        var end = 0;
        for (var taken = 0; taken < characters && end < value.Length; taken++)
        {
            end += char.IsHighSurrogate(value[end]) && end + 1 < value.Length && char.IsLowSurrogate(value[end + 1]) ? 2 : 1;
        }
        return value[..end];
    }

    public static string? ClipOrNull(string? value, int characters) => value is null ? null : Clip(value, characters);
}
