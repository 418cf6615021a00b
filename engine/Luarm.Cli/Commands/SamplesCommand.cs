using System.CommandLine;
using Luarm.Cli.Configuration;
using Luarm.Cli.Samples;

namespace Luarm.Cli.Commands;

/// <summary>
/// <c>luarm samples list|load NAME</c>: the recorded datasets shipped with luarm
/// (<c>samples/NAME/facts.jsonl.gz</c>), loaded into a store to try the
/// forensic queries and the rules on a real incident.
/// </summary>
public static class SamplesCommand
{
    public static Command Create() => new("samples", "list the recorded sample datasets and load one into a store")
    {
        List(),
        Load(),
    };

    private static Command List()
    {
        var command = new Command("list", "list the sample datasets and where they are");
        command.SetAction(async (parse, cancel) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var samples = SampleDataset.All();
            foreach (var sample in samples)
            {
                await output.WriteLineAsync($"{sample.Name}\t{sample.Title ?? ""}\t{sample.FactsPath}");
            }
            await output.WriteLineAsync($"{samples.Count} sample(s) in {string.Join(", ", DefaultPaths.SampleCandidates.Where(Directory.Exists))}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Load()
    {
        var name = new Argument<string>("name") { Description = "the sample, as 'luarm samples list' names it (e.g. irc-bot-2011)" };
        var command = new Command("load", "load a sample into the store (migrating it first) as a host of the sample's name; refused when it is already there")
        {
            name,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var wanted = parse.GetRequiredValue(name);
            var sample = SampleDataset.Find(wanted) ?? throw new UsageException(
                $"no sample named '{wanted}' in {string.Join(" or ", DefaultPaths.SampleCandidates)}; see 'luarm samples list'");
            var store = GlobalOptions.OpenStore(parse);
            var load = await new SampleLoader(store).LoadAsync(sample, cancel);
            var rows = string.Join(", ", load.Appended.Select(a => $"{a.Rows} {a.Table}"));
            var resumed = load.Resumed ? " (completing an earlier load that was cut short)" : "";
            await parse.InvocationConfiguration.Output.WriteLineAsync(
                $"loaded {sample.Name} into {store.Location} as host {sample.Name}, hostid {load.HostId}: {rows}{resumed}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
