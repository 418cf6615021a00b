using System.Diagnostics;
using Luarm.Rules.Loading;
using Luarm.Testing;
using Xunit.Abstractions;

namespace Luarm.Rules.Tests;

/// <summary>
/// Seeded mutations of the shipped rule pack (<see cref="RuleFileMutations"/>):
/// whatever a file holds, the loader returns diagnostics, never an exception;
/// every error names a file, a line and a column; each load stays within a bound
/// of time and memory. Set LUARM_FUZZ_SEED to replay a failure.
/// </summary>
public sealed class LoaderFuzzTests(ITestOutputHelper log) : IDisposable
{
    private const int Mutations = 600;
    private static readonly TimeSpan TimePerLoad = TimeSpan.FromSeconds(5);
    private const long BytesPerLoad = 256L << 20;
    private const int MessageLength = 1_000;
    private readonly DirectoryInfo _pack = CopyOfShippedPack();

    public void Dispose() => _pack.Delete(recursive: true);

    [Fact]
    public void No_mutation_of_the_shipped_rules_escapes_the_loader_unpositioned_or_unbounded()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("LUARM_FUZZ_SEED"), out var chosen) ? chosen : 20261202;
        var random = new Random(seed);
        var files = Directory.GetFiles(_pack.FullName, "*.yaml").Order(StringComparer.Ordinal).ToArray();
        var originals = files.ToDictionary(f => f, File.ReadAllBytes);
        var slowest = TimeSpan.Zero;
        var mostAllocated = 0L;
        var errors = 0;
        for (var i = 0; i < Mutations; i++)
        {
            var file = files[random.Next(files.Length)];
            var bytes = originals[file];
            var applied = new List<string>();
            for (var count = random.Next(1, 4); count > 0; count--)
            {
                var (name, apply) = RuleFileMutations.All[random.Next(RuleFileMutations.All.Count)];
                bytes = apply(bytes, random);
                applied.Add(name);
            }
            File.WriteAllBytes(file, bytes);
            var what = $"seed {seed}, mutation {i}: {string.Join(" + ", applied)} of {Path.GetFileName(file)} (replay with LUARM_FUZZ_SEED={seed})";

            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            RuleLoadResult result;
            try
            {
                result = RuleSetLoader.Load(_pack.FullName);
            }
            catch (Exception escaped)
            {
                Assert.Fail($"{what}: the loader threw {escaped}");
                throw;
            }
            var took = clock.Elapsed;
            var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            File.WriteAllBytes(file, originals[file]);

            Assert.True(took < TimePerLoad, $"{what}: the load took {took}");
            Assert.True(allocated < BytesPerLoad, $"{what}: the load allocated {allocated} bytes");
            foreach (var diagnostic in result.Diagnostics)
            {
                Assert.True(diagnostic.Where.File.StartsWith(_pack.FullName, StringComparison.Ordinal) && diagnostic.Where.Line >= 1 && diagnostic.Where.Column >= 1,
                    $"{what}: unpositioned {diagnostic}");
                if (diagnostic.Message.Length > MessageLength)
                {
                    Assert.Fail($"{what}: a {diagnostic.Message.Length}-character message: {diagnostic.Message[..200]}…");
                }
            }
            Assert.True(result.InvalidFiles.All(f => result.Errors.Any(e => e.Where.File == f)), $"{what}: a file is invalid without an error");
            slowest = took > slowest ? took : slowest;
            mostAllocated = Math.Max(mostAllocated, allocated);
            errors += result.Errors.Any() ? 1 : 0;
        }
        log.WriteLine($"seed {seed}: {Mutations} mutated packs, {errors} with errors; slowest load {slowest.TotalMilliseconds:F0} ms, most allocated {mostAllocated / (1024 * 1024)} MiB");
        Assert.True(errors > Mutations / 2, $"seed {seed}: only {errors} of {Mutations} mutations were errors; the mutations are too gentle");
    }

    private static DirectoryInfo CopyOfShippedPack()
    {
        var pack = Directory.CreateTempSubdirectory("luarm-fuzz-");
        foreach (var file in Directory.GetFiles(RepositoryPaths.Rules, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(pack.FullName, Path.GetRelativePath(RepositoryPaths.Rules, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return pack;
    }
}
