namespace Luarm.Testing;

/// <summary>
/// The tests that run a real <c>luarm</c> process carry this category; test.sh
/// runs them a second time on the trimmed single-file publish an operator installs.
/// </summary>
public static class PublishedCli
{
    public const string Category = "PublishedCli";
}
