using Luarm.Rules.Loading;
using Luarm.Rules.Testing;
using Luarm.Testing;

namespace Luarm.Rules.Tests;

/// <summary>A throwaway folder of rule files written by a test, removed on dispose.</summary>
public sealed class RuleFolder : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("luarm-rules-");

    public string Path => _folder.FullName;

    public string Write(string name, string yaml)
    {
        var path = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, yaml.ReplaceLineEndings("\n"));
        return path;
    }

    /// <summary>The shipped lists and macros, so rules written by tests can use them.</summary>
    public RuleFolder WithShippedLibrary()
    {
        foreach (var name in new[] { "lists.yaml", "macros.yaml" })
        {
            File.Copy(System.IO.Path.Combine(RepositoryPaths.Rules, name), System.IO.Path.Combine(Path, name));
        }
        return this;
    }

    public RuleLoadResult Load() => RuleSetLoader.Load(Path);

    /// <summary>Loads the folder, which must have no errors, and returns rule <paramref name="id"/>.</summary>
    public Model.DetectionRule LoadRule(string id)
    {
        var loaded = Load();
        Assert.False(loaded.HasErrors, string.Join('\n', loaded.Errors));
        return loaded.Rules.Single(r => r.Id == id);
    }

    /// <summary>
    /// Writes <paramref name="yaml"/> as a rule file, as an author would, and runs the tests of its
    /// rules whose ids start with T-; every one must pass (a failure shows the runner's diff).
    /// </summary>
    public IReadOnlyList<RuleTestResult> RunPassingTests(string yaml)
    {
        Write("rule.yaml", yaml);
        var loaded = Load();
        Assert.False(loaded.HasErrors, string.Join('\n', loaded.Errors));
        var results = RuleTestRunner.Run(loaded.Rules.Where(r => r.Id.StartsWith("T-", StringComparison.Ordinal)));
        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.True(r.Passed, $"{r.TestName}:\n{r.Failure}"));
        return results;
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
