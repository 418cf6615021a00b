using System.CommandLine;
using System.Globalization;

namespace Luarm.Benchmarks.EngineBench;

/// <summary>What <c>engine</c> runs and how big; the defaults give the documented run.</summary>
public sealed record EngineBenchOptions(
    int Hosts, int Facts, int Rules, double Rate, int Rounds, IReadOnlyList<long> History, int NewFacts, int HistoryTrials, int Trials,
    bool Throughput, bool Histories, bool Latency, bool MySql, bool Sqlite, string? MySqlConnection)
{
    public static readonly Option<int> HostsOption = new("--hosts") { Description = "hosts of the simulated fleet", DefaultValueFactory = _ => 100 };
    public static readonly Option<int> FactsOption = new("--facts") { Description = "facts in the store for the throughput run", DefaultValueFactory = _ => 500_000 };
    public static readonly Option<int> RulesOption = new("--rules") { Description = "rules in the set: the shipped pack plus generated rules", DefaultValueFactory = _ => 20 };
    public static readonly Option<double> RateOption = new("--rate") { Description = "facts per second of event time, whole fleet", DefaultValueFactory = _ => 200 };
    public static readonly Option<int> RoundsOption = new("--rounds") { Description = "rounds of engine vs in-memory feed in the throughput run", DefaultValueFactory = _ => 3 };
    public static readonly Option<string> HistoryOption = new("--history") { Description = "rows of history before each measured batch, comma-separated", DefaultValueFactory = _ => "100000,1000000,5000000" };
    public static readonly Option<int> NewFactsOption = new("--new-facts") { Description = "new facts evaluated at each history size", DefaultValueFactory = _ => 100_000 };
    public static readonly Option<int> HistoryTrialsOption = new("--history-trials") { Description = "catch-ups on the same new facts at each history size (median reported)", DefaultValueFactory = _ => 5 };
    public static readonly Option<int> TrialsOption = new("--trials") { Description = "bot pairs appended in the latency run", DefaultValueFactory = _ => 12 };
    public static readonly Option<string> PartsOption = new("--parts") { Description = "throughput, history, latency, or a comma-separated choice", DefaultValueFactory = _ => "throughput,history,latency" };

    public static IEnumerable<Option> All =>
    [
        HostsOption, FactsOption, RulesOption, RateOption, RoundsOption, HistoryOption, NewFactsOption, HistoryTrialsOption, TrialsOption, PartsOption,
        BenchOptions.DialectOption, BenchOptions.MySqlOption,
    ];

    public static EngineBenchOptions From(ParseResult parse)
    {
        var (mysql, sqlite, connection) = BenchOptions.Stores(parse);
        var parts = parse.GetValue(PartsOption)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Except(["throughput", "history", "latency"]).FirstOrDefault() is { } unknown)
        {
            throw new ArgumentException($"--parts {unknown}: say throughput, history or latency");
        }
        var history = parse.GetValue(HistoryOption)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(h => long.Parse(h, CultureInfo.InvariantCulture)).Order().ToArray();
        var options = new EngineBenchOptions(
            parse.GetValue(HostsOption), parse.GetValue(FactsOption), parse.GetValue(RulesOption), parse.GetValue(RateOption),
            parse.GetValue(RoundsOption), history, parse.GetValue(NewFactsOption), parse.GetValue(HistoryTrialsOption), parse.GetValue(TrialsOption),
            parts.Contains("throughput"), parts.Contains("history"), parts.Contains("latency"), mysql, sqlite, connection);
        if (options.Hosts < 1 || options.Facts < 1 || options.Rules < 6 || options.Rate <= 0 || options.Rounds < 1
            || options.NewFacts < 1 || options.HistoryTrials < 1 || options.Trials < 1 || history.Any(h => h < 0))
        {
            throw new ArgumentException("sizes must be positive, and --rules at least 6 (the shipped pack has 5 enabled rules)");
        }
        return options;
    }

    public string CommandLine =>
        $"engine --hosts {Hosts} --facts {Facts} --rules {Rules} --rate {Rate.ToString(CultureInfo.InvariantCulture)} --rounds {Rounds} " +
        $"--history {string.Join(',', History)} --new-facts {NewFacts} --history-trials {HistoryTrials} --trials {Trials} " +
        $"--parts {string.Join(',', new[] { (Throughput, "throughput"), (Histories, "history"), (Latency, "latency") }.Where(p => p.Item1).Select(p => p.Item2))} " +
        $"--dialect {(MySql && Sqlite ? "both" : MySql ? "mysql" : "sqlite")}";
}
