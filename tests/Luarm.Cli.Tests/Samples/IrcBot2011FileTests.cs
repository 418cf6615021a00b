using System.IO.Compression;
using Luarm.Samples.IrcBot2011;
using Luarm.Testing;

namespace Luarm.Cli.Tests.Samples;

/// <summary>
/// samples/irc-bot-2011/facts.jsonl.gz is what its generator makes, so the file can
/// be trusted to be the dataset the generator's code describes. To rewrite it after
/// changing the generator: LUARM_WRITE_SAMPLES=1 dotnet test tests/Luarm.Cli.Tests --filter IrcBot2011FileTests
/// </summary>
public sealed class IrcBot2011FileTests
{
    private static readonly string CommittedFile = Path.Combine(RepositoryPaths.Root, "samples", IrcBot2011Sample.Name, IrcBot2011Sample.FileName);

    [Fact]
    public void The_committed_sample_is_what_the_generator_makes()
    {
        if (Environment.GetEnvironmentVariable("LUARM_WRITE_SAMPLES") == "1")
        {
            IrcBot2011Sample.Write(CommittedFile);
        }
        using var gzip = new GZipStream(File.OpenRead(CommittedFile), CompressionMode.Decompress);
        var committed = new StreamReader(gzip).ReadToEnd();

        // Compared line by line, so a difference names its row.
        var generated = IrcBot2011Sample.JsonLines().Split('\n');
        var lines = committed.Split('\n');
        for (var i = 0; i < Math.Min(generated.Length, lines.Length); i++)
        {
            Assert.True(generated[i] == lines[i], $"line {i + 1} differs:\ncommitted: {lines[i]}\ngenerated: {generated[i]}");
        }
        Assert.Equal(generated.Length, lines.Length);
    }

    [Fact]
    public void The_generator_makes_the_same_rows_every_time() =>
        Assert.Equal(IrcBot2011Sample.JsonLines(), IrcBot2011Sample.JsonLines());

    [Fact]
    public void The_committed_sample_stays_small()
    {
        Assert.InRange(new FileInfo(CommittedFile).Length, 1, 1024 * 1024);
    }
}
