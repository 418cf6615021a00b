using System.Text;

namespace Luarm.Rules.Tests;

/// <summary>
/// Ways to break a rule file the way typing, a bad editor or an attacker would,
/// each a function of the file's bytes and a seeded random source.
/// </summary>
internal static class RuleFileMutations
{
    public static IReadOnlyList<(string Name, Func<byte[], Random, byte[]> Apply)> All { get; } =
    [
        ("delete a line", (bytes, random) => OnLines(bytes, random, (lines, at) => lines.RemoveAt(at))),
        ("duplicate a line", (bytes, random) => OnLines(bytes, random, (lines, at) => lines.Insert(at, lines[at]))),
        ("shift indentation", (bytes, random) => OnLines(bytes, random, (lines, at) =>
            lines[at] = random.Next(2) == 0 ? new string(' ', random.Next(1, 5)) + lines[at] : lines[at].TrimStart())),
        ("tab indentation", (bytes, random) => OnLines(bytes, random, (lines, at) => lines[at] = "\t" + lines[at].TrimStart())),
        ("wrong type", (bytes, random) => OnLines(bytes, random, (lines, at) =>
        {
            var colon = lines[at].IndexOf(": ", StringComparison.Ordinal);
            if (colon > 0)
            {
                string[] values = ["[a, b]", "{x: 1}", "~", "-12", "true", "\"\"", "1.5e300", "[]", "{}", "$nosuchlist", "{macro: nosuch}"];
                lines[at] = lines[at][..(colon + 2)] + values[random.Next(values.Length)];
            }
        })),
        ("unclosed bracket", (bytes, random) => Insert(bytes, random, Encoding.UTF8.GetBytes(new[] { "[", "{", "\"", "'", "{a: b", "[x, " }[random.Next(6)]))),
        ("closing bracket removed", (bytes, random) => RemoveOne(bytes, random, "}]\"'")),
        ("the issue's two lines", (bytes, random) => Insert(bytes, random, "\nx: {a: b\n- c\n"u8.ToArray())),
        ("NUL", (bytes, random) => Insert(bytes, random, [0])),
        ("control character", (bytes, random) => Insert(bytes, random, [(byte)random.Next(1, 32)])),
        ("invalid UTF-8", (bytes, random) => Insert(bytes, random, new[] { new byte[] { 0xff }, [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80] }[random.Next(5)])),
        ("random byte", (bytes, random) =>
        {
            var copy = bytes.ToArray();
            copy[random.Next(copy.Length)] = (byte)random.Next(256);
            return copy;
        }),
        ("huge value", (bytes, random) => OnLines(bytes, random, (lines, at) =>
        {
            var colon = lines[at].IndexOf(": ", StringComparison.Ordinal);
            var huge = new string((char)('a' + random.Next(26)), random.Next(100_000, 900_000));
            lines[at] = colon > 0 ? lines[at][..(colon + 2)] + huge : huge;
        })),
        ("huge key", (bytes, random) => Insert(bytes, random, Encoding.UTF8.GetBytes($"\n{new string('k', random.Next(1_000, 200_000))}: 1\n"))),
        ("deep nesting", (bytes, random) =>
        {
            var depth = random.Next(50, 20_000);
            var (open, close) = random.Next(2) == 0 ? ("[", "]") : ("{a: ", "}");
            return Insert(bytes, random, Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(open, depth)) + string.Concat(Enumerable.Repeat(close, random.Next(depth + 1)))));
        }),
        ("alias bomb", (bytes, random) => [.. bytes, .. Encoding.UTF8.GetBytes(AliasBomb)]),
        ("anchor", (bytes, random) => OnLines(bytes, random, (lines, at) =>
        {
            var colon = lines[at].IndexOf(": ", StringComparison.Ordinal);
            if (colon > 0)
            {
                lines[at] = lines[at][..(colon + 2)] + "&a " + lines[at][(colon + 2)..];
            }
        })),
        ("list bomb", (bytes, random) => [.. bytes, .. Encoding.UTF8.GetBytes(ListBomb)]),
        ("many documents", (bytes, random) => [.. bytes, .. Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("\n---\nid: X\n", random.Next(2, 3_000))))]),
        ("truncated", (bytes, random) => bytes[..random.Next(bytes.Length)]),
    ];

    private const string AliasBomb = """

        ---
        a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
        b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
        c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
        d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
        e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
        f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
        g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
        """;

    private const string ListBomb = """

        ---
        lists:
          bomb_a: [$bomb_b, $bomb_b, $bomb_b, $bomb_b, $bomb_b, $bomb_b, $bomb_b, $bomb_b, $bomb_b, $bomb_b]
          bomb_b: [$bomb_c, $bomb_c, $bomb_c, $bomb_c, $bomb_c, $bomb_c, $bomb_c, $bomb_c, $bomb_c, $bomb_c]
          bomb_c: [$bomb_d, $bomb_d, $bomb_d, $bomb_d, $bomb_d, $bomb_d, $bomb_d, $bomb_d, $bomb_d, $bomb_d]
          bomb_d: [$bomb_e, $bomb_e, $bomb_e, $bomb_e, $bomb_e, $bomb_e, $bomb_e, $bomb_e, $bomb_e, $bomb_e]
          bomb_e: [$bomb_f, $bomb_f, $bomb_f, $bomb_f, $bomb_f, $bomb_f, $bomb_f, $bomb_f, $bomb_f, $bomb_f]
          bomb_f: [$bomb_g, $bomb_g, $bomb_g, $bomb_g, $bomb_g, $bomb_g, $bomb_g, $bomb_g, $bomb_g, $bomb_g]
          bomb_g: [$bomb_h, $bomb_h, $bomb_h, $bomb_h, $bomb_h, $bomb_h, $bomb_h, $bomb_h, $bomb_h, $bomb_h]
          bomb_h: [x]
        ---
        id: BOMB-1
        title: t
        severity: low
        match:
          p:
            process: {username|in: $bomb_a}
        """;

    private static byte[] OnLines(byte[] bytes, Random random, Action<List<string>, int> change)
    {
        var lines = Encoding.UTF8.GetString(bytes).Split('\n').ToList();
        change(lines, random.Next(lines.Count));
        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }

    private static byte[] Insert(byte[] bytes, Random random, byte[] inserted)
    {
        var at = random.Next(bytes.Length + 1);
        return [.. bytes[..at], .. inserted, .. bytes[at..]];
    }

    private static byte[] RemoveOne(byte[] bytes, Random random, string characters)
    {
        var places = Enumerable.Range(0, bytes.Length).Where(i => characters.Contains((char)bytes[i])).ToArray();
        if (places.Length == 0)
        {
            return bytes;
        }
        var at = places[random.Next(places.Length)];
        return [.. bytes[..at], .. bytes[(at + 1)..]];
    }
}
