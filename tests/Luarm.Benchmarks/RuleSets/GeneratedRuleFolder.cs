using Luarm.Testing;

namespace Luarm.Benchmarks.RuleSets;

/// <summary>
/// A temporary folder of generated rules (<see cref="RuleTemplates"/>), one file
/// per rule as in the shipped pack, and the paths that load them: alone with the
/// shipped lists and macros they use, or beside the whole shipped pack.
/// </summary>
public sealed class GeneratedRuleFolder : IDisposable
{
    private readonly DirectoryInfo _folder;

    public GeneratedRuleFolder(int rules)
    {
        _folder = Directory.CreateTempSubdirectory("luarm-bench-rules-");
        for (var number = 0; number < rules; number++)
        {
            File.WriteAllText(Path.Combine(_folder.FullName, $"bench-{number:000}.yaml"), RuleTemplates.Yaml(number));
        }
        Count = rules;
    }

    public int Count { get; }

    /// <summary>The generated rules and the shipped definitions they use, without the shipped rules.</summary>
    public IReadOnlyList<string> Alone =>
        [Path.Combine(RepositoryPaths.Rules, "lists.yaml"), Path.Combine(RepositoryPaths.Rules, "macros.yaml"), _folder.FullName];

    /// <summary>The shipped pack and the generated rules.</summary>
    public IReadOnlyList<string> WithShippedPack => [RepositoryPaths.Rules, _folder.FullName];

    public void Dispose() => _folder.Delete(recursive: true);
}
