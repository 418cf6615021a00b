using Luarm.Rules.Compilation;
using Luarm.Rules.Loading;
using Microsoft.Extensions.Logging;

namespace Luarm.Engine.Evaluation;

/// <summary>
/// The rule set the engine runs, swapped whole: a reload validates and compiles
/// first, and an invalid set is refused (its errors logged with file:line:col)
/// while the old one keeps running.
/// </summary>
public sealed class ActiveRuleSet(IReadOnlyList<string> paths, ILogger? logger = null)
{
    private CompiledRuleSet? _current;

    public IReadOnlyList<string> Paths { get; } = paths;

    public CompiledRuleSet Current => _current ?? throw new InvalidOperationException("no rule set loaded yet");

    /// <summary>Grows by one at every successful swap; evaluation rebuilds its sessions when it changes.</summary>
    public int Version { get; private set; }

    /// <summary>Loads, validates and compiles the rules; swaps them in only when there is no error.</summary>
    public bool TryReload()
    {
        var loaded = RuleSetLoader.Load(Paths);
        foreach (var warning in loaded.Warnings)
        {
            logger?.LogWarning("{Diagnostic}", warning);
        }
        if (loaded.HasErrors)
        {
            foreach (var error in loaded.Errors)
            {
                logger?.LogError("{Diagnostic}", error);
            }
            logger?.LogError("rule set refused: {Count} error(s) in {Files}; {State}", loaded.Errors.Count(),
                string.Join(", ", loaded.InvalidFiles.Any() ? loaded.InvalidFiles : Paths), _current is null ? "no rules running" : "the previous rules keep running");
            return false;
        }
        var compiled = CompiledRuleSet.Compile(loaded.Rules);
        Interlocked.Exchange(ref _current, compiled);
        Version++;
        logger?.LogInformation("rule set {Version} active: {Count} rule(s) from {Files} file(s) in {Paths}, longest window {Window}",
            Version, compiled.Rules.Count, loaded.Files.Count, string.Join(", ", Paths), compiled.LongestWindow);
        return true;
    }
}
