namespace Luarm.Agent.Audit;

/// <summary>What a SYSCALL record's number means, per audit arch (x86_64 and i386, the ABIs the rules cover).</summary>
internal static class AuditSyscalls
{
    public const uint ArchX86_64 = 0xc000003e;
    public const uint ArchI386 = 0x40000003;

    private static readonly Dictionary<string, (int X86_64, int I386)> Numbers = new(StringComparer.Ordinal)
    {
        ["execve"] = (59, 11),
        ["execveat"] = (322, 358),
        ["connect"] = (42, 362),
        ["accept"] = (43, -1),
        ["accept4"] = (288, 364),
        ["socket"] = (41, 359),
        ["bind"] = (49, 361),
        ["listen"] = (50, 363),
        ["sendto"] = (44, 369),
        ["sendmsg"] = (46, 370),
        ["open"] = (2, 5),
        ["openat"] = (257, 295),
        ["openat2"] = (437, 437),
    };

    private static readonly Dictionary<(uint Arch, int Number), string> Names = Numbers
        .SelectMany(pair => new[] { ((ArchX86_64, pair.Value.X86_64), pair.Key), ((ArchI386, pair.Value.I386), pair.Key) })
        .Where(entry => entry.Item1.Item2 >= 0)
        .ToDictionary(entry => entry.Item1, entry => entry.Key);

    public static IReadOnlyCollection<string> Watched => Numbers.Keys;

    public static string? Name(uint arch, long number) =>
        number is >= 0 and <= int.MaxValue && Names.TryGetValue((arch, (int)number), out var name) ? name : null;

    /// <summary>The syscall number on <paramref name="arch"/>, or null when that ABI has none of that name.</summary>
    public static int? Number(uint arch, string name) =>
        Numbers.TryGetValue(name, out var numbers) && (arch == ArchX86_64 ? numbers.X86_64 : numbers.I386) is var number and >= 0 ? number : null;
}
