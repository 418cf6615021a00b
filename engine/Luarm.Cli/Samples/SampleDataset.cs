using System.IO.Compression;
using Luarm.Cli.Configuration;
using Luarm.Rules.Diagnostics;
using Luarm.Rules.Model;
using Luarm.Rules.Testing;

namespace Luarm.Cli.Samples;

/// <summary>
/// A recorded dataset shipped with luarm: a folder of <c>samples/</c> holding
/// <c>facts.jsonl.gz</c>, the rows of one host in the JSON Lines format of
/// <c>luarm rules record</c>. The folder's name is the sample's and the host's.
/// </summary>
public sealed record SampleDataset(string Name, string Folder)
{
    public const string FactsFile = "facts.jsonl.gz";

    public string FactsPath => Path.Combine(Folder, FactsFile);

    /// <summary>The first line of the folder's README.md without its '#', when there is one.</summary>
    public string? Title =>
        File.Exists(Path.Combine(Folder, "README.md"))
            ? File.ReadLines(Path.Combine(Folder, "README.md")).FirstOrDefault()?.TrimStart('#', ' ')
            : null;

    /// <summary>Every sample in <see cref="DefaultPaths.SampleCandidates"/>; a name found twice is the first folder's.</summary>
    public static IReadOnlyList<SampleDataset> All(IEnumerable<string>? folders = null) =>
        (folders ?? DefaultPaths.SampleCandidates)
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
            .Where(folder => File.Exists(Path.Combine(folder, FactsFile)))
            .Select(folder => new SampleDataset(Path.GetFileName(folder), folder))
            .DistinctBy(sample => sample.Name)
            .ToList();

    public static SampleDataset? Find(string name) => All().FirstOrDefault(sample => sample.Name == name);

    /// <summary>
    /// The rows, each table's in id order, stamped with <paramref name="hostId"/>.
    /// A damaged file is a broken installation: <see cref="ConfigException"/> naming the line.
    /// </summary>
    public IReadOnlyList<object> ReadRows(int hostId)
    {
        var diagnostics = new DiagnosticBag();
        IReadOnlyList<object> rows;
        try
        {
            rows = FixtureFile.ReadJsonLines(FactsPath, Lines(), DateTime.UnixEpoch, diagnostics);
        }
        catch (Exception failure) when (failure is InvalidDataException or IOException)
        {
            throw new ConfigException($"{FactsPath}: cannot be read ({failure.Message}); reinstall luarm or check out the file again");
        }
        if (diagnostics.Items.FirstOrDefault(d => d.IsError) is { } error)
        {
            throw new ConfigException($"{error}; reinstall luarm or check out the file again");
        }
        foreach (var row in rows)
        {
            FactKind.Of(row.GetType()).HostId.Write(row, hostId);
        }
        return rows;
    }

    private IEnumerable<string> Lines()
    {
        using var file = File.OpenRead(FactsPath);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var text = new StreamReader(gzip);
        while (text.ReadLine() is { } line)
        {
            yield return line;
        }
    }
}
