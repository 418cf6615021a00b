using System.CommandLine;
using System.Globalization;
using Luarm.Rules.Diagnostics;
using Luarm.Rules.Fixtures;
using Luarm.Rules.Loading;
using Luarm.Rules.Testing;
using Luarm.Store.Hosts;

namespace Luarm.Cli.Commands;

/// <summary>
/// <c>luarm rules validate|test|record</c>: check rule files, run their tests, and
/// turn a host's recorded rows into a fixture. Exit 0 when all is well, 1 for
/// findings (errors in the rules, failed tests).
/// </summary>
public static class RulesCommand
{
    public static Command Create() => new("rules", "validate and test detection rules, and record fixtures for their tests")
    {
        Validate(),
        Test(),
        Record(),
    };

    private static Argument<string[]> Paths() => new("paths")
    {
        Description = "rule files or folders (folders are searched for *.yaml; *.local.yaml overlays apply last)",
        Arity = ArgumentArity.OneOrMore,
    };

    private static Command Validate()
    {
        var paths = Paths();
        var format = new Option<string>("--format") { Description = "text (file:line:col lines) or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("validate", "check rule files and report every error with its position") { paths, format };
        command.SetAction(async (parse, cancel) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var result = RuleSetLoader.Load(parse.GetRequiredValue(paths));
            if (parse.GetValue(format) == "json")
            {
                await output.WriteLineAsync(DiagnosticJson.Write(result));
            }
            else
            {
                await WriteDiagnosticsAsync(output, result);
                await output.WriteLineAsync(Summary(result));
            }
            return result.HasErrors ? ExitCodes.Findings : ExitCodes.Ok;
        });
        return command;
    }

    private static Command Test()
    {
        var paths = Paths();
        var junit = new Option<string?>("--junit") { Description = "also write the results as JUnit XML to this file" };
        var command = new Command("test", "run the tests the rule files carry; print a diff for each failure") { paths, junit };
        command.SetAction(async (parse, cancel) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var loaded = RuleSetLoader.Load(parse.GetRequiredValue(paths));
            await WriteDiagnosticsAsync(output, loaded);
            var results = RuleTestRunner.Run(loaded.Rules);
            foreach (var result in results)
            {
                await output.WriteLineAsync($"{(result.Passed ? "PASS" : "FAIL")} {result.RuleId} {result.TestName}");
                if (result.Failure is { } failure)
                {
                    await output.WriteLineAsync($"     at {result.Where}");
                    foreach (var line in failure.Split('\n'))
                    {
                        await output.WriteLineAsync($"     {line}");
                    }
                }
            }
            if (parse.GetValue(junit) is { } junitPath)
            {
                JUnitReport.Write(junitPath, results);
            }
            var failed = results.Count(r => !r.Passed);
            await output.WriteLineAsync($"{results.Count - failed} passed, {failed} failed, {loaded.Errors.Count()} load error(s)");
            return failed > 0 || loaded.HasErrors ? ExitCodes.Findings : ExitCodes.Ok;
        });
        return command;
    }

    private static Command Record()
    {
        var host = new Option<string>("--host") { Description = "the host: its registered name, or its hostid", Required = true };
        var from = new Option<string>("--from") { Description = "start of the range, UTC (e.g. 2011-02-05T07:00:00Z)", Required = true };
        var to = new Option<string>("--to") { Description = "end of the range, UTC, included", Required = true };
        var file = new Option<string>("--out", "-o") { Description = "fixture file to write: .jsonl for JSON Lines, otherwise YAML", Required = true };
        var command = new Command("record", "export a time range of one host's fact rows into a fixture file, so an incident becomes a rule test")
        {
            host, from, to, file,
        };
        command.SetAction(async (parse, cancel) =>
        {
            if (ParseTime(parse.GetRequiredValue(from)) is not { } start || ParseTime(parse.GetRequiredValue(to)) is not { } end)
            {
                throw new UsageException("--from and --to must be times like 2011-02-05T07:00:00Z (UTC)");
            }
            var store = GlobalOptions.OpenStore(parse);
            var hostText = parse.GetRequiredValue(host);
            var hostId = int.TryParse(hostText, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? id
                : (await new HostRegistry(store).FindAsync(hostText, cancel))?.HostId;
            if (hostId is null)
            {
                throw new UsageException($"--host {hostText}: no registered host of that name; see 'luarm host list'");
            }
            var facts = await new FixtureRecorder(store).ReadAsync(hostId.Value, start, end, cancel);
            var path = parse.GetRequiredValue(file);
            await FixtureWriter.WriteAsync(path, facts, cancel);
            var counts = facts.GroupBy(f => Luarm.Rules.Model.FactKind.Of(f.GetType()).Table.Name).Select(g => $"{g.Count()} {g.Key}");
            await parse.InvocationConfiguration.Output.WriteLineAsync($"recorded {facts.Count} row(s) ({string.Join(", ", counts)}) of hostid {hostId} to {path}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static DateTime? ParseTime(string text) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
            ? DateTime.SpecifyKind(time, DateTimeKind.Utc)
            : null;

    /// <summary>Each diagnostic, then the line it points at with a caret under the column.</summary>
    private static async Task WriteDiagnosticsAsync(TextWriter output, RuleLoadResult result)
    {
        var files = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var diagnostic in result.Diagnostics)
        {
            await output.WriteLineAsync(diagnostic.ToString());
            var file = diagnostic.Where.File;
            if (!files.TryGetValue(file, out var lines))
            {
                files[file] = lines = DiagnosticSnippet.LinesOf(file);
            }
            foreach (var line in DiagnosticSnippet.For(diagnostic.Where, lines))
            {
                await output.WriteLineAsync(line);
            }
        }
    }

    private static string Summary(RuleLoadResult result) =>
        $"{result.Files.Count} file(s), {result.Rules.Count} valid rule(s), {result.Errors.Count()} error(s), {result.Warnings.Count()} warning(s)";
}
