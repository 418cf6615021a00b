using System.Diagnostics;
using Luarm.Benchmarks.RuleSets;
using Luarm.Rules.Compilation;
using Luarm.Rules.Loading;

namespace Luarm.Benchmarks.RuleBench;

/// <summary>
/// Loads (parse, bind, validate) and compiles a folder of generated rules, each
/// step timed on its own: first cold, as the first thing the process does (JIT,
/// type loading, first use of YamlDotNet and NRules), then warm, several times.
/// </summary>
public sealed class CompileBenchmark(RuleBenchOptions options)
{
    public CompileResult Run()
    {
        using var folder = new GeneratedRuleFolder(options.CompileRules);
        var (coldLoad, coldCompile, rules) = LoadAndCompile(folder);
        var load = new List<double>();
        var compile = new List<double>();
        for (var run = 0; run < options.CompileRuns; run++)
        {
            var (loadSeconds, compileSeconds, _) = LoadAndCompile(folder);
            load.Add(loadSeconds);
            compile.Add(compileSeconds);
        }
        Progress.Say($"rules: {rules} rules loaded and compiled {options.CompileRuns + 1} times");
        return new CompileResult(rules, coldLoad, coldCompile, Summary.Of(load), Summary.Of(compile), Summary.Of(load.Zip(compile, (l, c) => l + c)));
    }

    private static (double Load, double Compile, int Rules) LoadAndCompile(GeneratedRuleFolder folder)
    {
        var clock = Stopwatch.StartNew();
        var loaded = RuleSetLoader.Load(folder.Alone);
        var load = clock.Elapsed.TotalSeconds;
        if (loaded.HasErrors || loaded.Rules.Count != folder.Count)
        {
            throw new InvalidOperationException($"generated rules did not load: {loaded.Rules.Count} of {folder.Count}; {string.Join("; ", loaded.Errors.Take(5))}");
        }
        clock.Restart();
        var compiled = CompiledRuleSet.Compile(loaded.Rules);
        return (load, clock.Elapsed.TotalSeconds, compiled.Rules.Count);
    }
}

/// <summary>Seconds to load and to compile the generated rules: cold, and warm medians.</summary>
public sealed record CompileResult(int Rules, double ColdLoad, double ColdCompile, Summary WarmLoad, Summary WarmCompile, Summary WarmTotal);
