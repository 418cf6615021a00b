using Luarm.Rules.Diagnostics;

namespace Luarm.Rules.Tests;

/// <summary>Every kind of mistake is reported with file:line:col, the rule id, a code and plain words.</summary>
public sealed class ValidationTests : IDisposable
{
    private readonly RuleFolder _folder = new RuleFolder().WithShippedLibrary();

    public void Dispose() => _folder.Dispose();

    private static string Rule(string match, string extra = "") => $"""
        id: TEST-001
        title: a test rule
        severity: high
        match:
        {match}
        {extra}
        """;

    private RuleDiagnostic SingleError(string yaml, string code)
    {
        var path = _folder.Write("rule.yaml", yaml);
        var result = _folder.Load();
        var error = Assert.Single(result.Errors);
        Assert.Equal(code, error.Code);
        Assert.Equal(path, error.Where.File);
        Assert.Equal("TEST-001", error.RuleId);
        Assert.Contains(path, result.InvalidFiles);
        Assert.Empty(result.Rules);
        return error;
    }

    [Fact]
    public void Unknown_fact_kind_is_named_with_its_position_and_a_suggestion()
    {
        var error = SingleError(Rule("  proc:\n    proces: {username: nobody}"), DiagnosticCodes.UnknownKind);
        Assert.Equal((6, 5), (error.Where.Line, error.Where.Column));
        Assert.Contains("did you mean 'process'", error.Message);
    }

    [Fact]
    public void Unknown_field_suggests_the_column()
    {
        var error = SingleError(Rule("  conn:\n    endpoint: {dstport: 6667}"), DiagnosticCodes.UnknownField);
        Assert.Equal((6, 16), (error.Where.Line, error.Where.Column));
        Assert.Contains("'destport'", error.Message);
    }

    [Fact]
    public void A_port_compared_with_text_is_a_wrong_type()
    {
        var error = SingleError(Rule("  conn:\n    endpoint: {destport: http}"), DiagnosticCodes.WrongType);
        Assert.Equal((6, 26), (error.Where.Line, error.Where.Column));
        Assert.Contains("'http' is not a number", error.Message);
    }

    [Fact]
    public void A_text_modifier_on_a_number_is_refused()
    {
        SingleError(Rule("  conn:\n    endpoint: {destport|contains: 66}"), DiagnosticCodes.BadModifier);
    }

    [Fact]
    public void Unknown_list_and_macro_are_reported()
    {
        SingleError(Rule("  conn:\n    endpoint: {destport|in: $irc_portz}"), DiagnosticCodes.UnknownList);
        SingleError(Rule("  proc:\n    process: {macro: no_such_macro}"), DiagnosticCodes.UnknownMacro);
    }

    [Fact]
    public void Bad_regex_and_bad_cidr_are_reported()
    {
        SingleError(Rule("  proc:\n    process: {command|re: '(unclosed'}"), DiagnosticCodes.BadRegex);
        SingleError(Rule("  conn:\n    endpoint: {destip|cidr: 10.0.0.0/33}"), DiagnosticCodes.BadCidr);
    }

    [Fact]
    public void A_regex_that_needs_backtracking_is_refused()
    {
        var error = SingleError(Rule("  proc:\n    process: {command|re: '(a)\\1'}"), DiagnosticCodes.BadRegex);
        Assert.Contains("(a)\\1", error.Message);
    }

    [Fact]
    public void A_window_without_a_unit_is_reported()
    {
        var error = SingleError(Rule("""
              proc:
                process: {username: nobody}
              conn:
                endpoint: {pid: proc.pid}
                after: proc
                within: 10
            """), DiagnosticCodes.WindowUnit);
        Assert.Contains("10m", error.Message);
    }

    [Fact]
    public void A_join_to_an_undefined_alias_is_reported()
    {
        var error = SingleError(Rule("""
              proc:
                process: {username: nobody}
              conn:
                endpoint: {pid: prc.pid}
            """), DiagnosticCodes.UndefinedAlias);
        Assert.Equal((8, 21), (error.Where.Line, error.Where.Column));
    }

    [Fact]
    public void A_join_must_look_back_to_an_earlier_alias()
    {
        SingleError(Rule("""
              proc:
                process: {pid: conn.pid}
              conn:
                endpoint: {destport: 6667}
            """), DiagnosticCodes.BadJoin);
    }

    [Fact]
    public void A_quoted_alias_dot_field_is_plain_text()
    {
        _folder.Write("rule.yaml", Rule("""
              proc:
                process: {username: nobody}
              file:
                file: {pid: proc.pid, filename: 'proc.exe'}
            """));
        Assert.False(_folder.Load().HasErrors);
    }

    [Fact]
    public void Unknown_keys_are_reported_with_a_suggestion()
    {
        var error = SingleError(Rule("  proc:\n    process: {username: nobody}", "severty: low"), DiagnosticCodes.UnknownKey);
        Assert.Contains("did you mean 'severity'", error.Message);
    }

    [Fact]
    public void A_duplicate_rule_id_names_the_first_definition()
    {
        var first = _folder.Write("a.yaml", Rule("  proc:\n    process: {username: nobody}"));
        var second = _folder.Write("b.yaml", Rule("  proc:\n    process: {username: root}"));
        var result = _folder.Load();
        var error = Assert.Single(result.Errors);
        Assert.Equal(DiagnosticCodes.DuplicateId, error.Code);
        Assert.Equal(second, error.Where.File);
        Assert.Contains(first + ":1:1", error.Message);
        Assert.Equal(first, Assert.Single(result.Rules).Where.File);
    }

    [Fact]
    public void Every_error_of_a_file_is_reported_not_just_the_first()
    {
        _folder.Write("rules.yaml", """
            id: TEST-001
            title: first
            severity: urgent
            match:
              conn:
                endpoint: {destport: http, dstip: 1.2.3.4, destip|cidr: nonsense}
            ---
            id: TEST-002
            title: second
            severity: low
            match:
              proc:
                process: {username|in: $nope}
            """);
        var errors = _folder.Load().Errors.ToArray();
        Assert.Equal(
            [
                ("TEST-001", DiagnosticCodes.BadSeverity, 3),
                ("TEST-001", DiagnosticCodes.WrongType, 6),
                ("TEST-001", DiagnosticCodes.UnknownField, 6),
                ("TEST-001", DiagnosticCodes.BadCidr, 6),
                ("TEST-002", DiagnosticCodes.UnknownList, 13),
            ],
            errors.Select(e => (e.RuleId!, e.Code, e.Where.Line)).OrderBy(e => e.Item1).ThenBy(e => e.Line).ThenBy(e => e.Code == DiagnosticCodes.WrongType ? 0 : e.Code == DiagnosticCodes.UnknownField ? 1 : 2));
    }

    [Fact]
    public void Diagnostics_read_as_file_line_col_level_rule_code_message()
    {
        var error = SingleError(Rule("  conn:\n    endpoint: {destport: http}"), DiagnosticCodes.WrongType);
        Assert.Matches(@"^.+rule\.yaml:6:26: error TEST-001 wrong-type: 'destport' is a number; 'http' is not a number or a range like 6660-6670$", error.ToString());
    }

    [Fact]
    public void A_rule_without_a_join_key_gets_a_cartesian_join_warning()
    {
        _folder.Write("rule.yaml", Rule("""
              proc:
                process: {username: nobody}
              conn:
                endpoint: {destport: 6667}
                after: proc
                within: 10m
            """));
        var result = _folder.Load();
        Assert.False(result.HasErrors);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(DiagnosticCodes.CartesianJoin, warning.Code);
        Assert.Equal((7, 3), (warning.Where.Line, warning.Where.Column));
        Assert.Single(result.Rules);
    }

    [Fact]
    public void An_invalid_file_does_not_stop_valid_files_from_loading()
    {
        _folder.Write("good.yaml", Rule("  proc:\n    process: {username: nobody}").Replace("TEST-001", "GOOD-1"));
        var bad = _folder.Write("bad.yaml", Rule("  proc:\n    process: {usrname: nobody}"));
        var result = _folder.Load();
        Assert.True(result.HasErrors);
        Assert.Equal([bad], result.InvalidFiles);
        Assert.Equal("GOOD-1", Assert.Single(result.Rules).Id);
    }

    [Theory]
    [InlineData("id: [unclosed", DiagnosticCodes.YamlSyntax)]
    [InlineData("id: X\n  bad: indentation\n", DiagnosticCodes.YamlSyntax)]
    [InlineData("other: *a\n", DiagnosticCodes.YamlAlias)]
    [InlineData("base: &a {x: 1}\n", DiagnosticCodes.YamlAnchor)]
    [InlineData("- just\n- a list\n", DiagnosticCodes.WrongShape)]
    [InlineData("something: else\n", DiagnosticCodes.UnknownDocument)]
    public void Malformed_files_are_errors_with_positions(string yaml, string code)
    {
        var path = _folder.Write("broken.yaml", yaml);
        var error = Assert.Single(_folder.Load().Errors);
        Assert.Equal(code, error.Code);
        Assert.Equal(path, error.Where.File);
        Assert.True(error.Where.Line >= 1 && error.Where.Column >= 1);
    }

    [Fact]
    public void Deeply_nested_yaml_is_refused_before_it_is_built()
    {
        var depth = 5000;
        _folder.Write("deep.yaml", "id: X\nmatch: " + new string('[', depth) + new string(']', depth) + "\n");
        var error = Assert.Single(_folder.Load().Errors);
        Assert.Equal(DiagnosticCodes.YamlTooDeep, error.Code);
    }

    [Fact]
    public void Deeply_nested_conditions_are_refused()
    {
        var nested = string.Concat(Enumerable.Repeat("{not: ", 100)) + "{pid: 1}" + new string('}', 100);
        _folder.Write("deep.yaml", Rule($"  proc:\n    process: {nested}"));
        Assert.Equal(DiagnosticCodes.YamlTooDeep, Assert.Single(_folder.Load().Errors).Code);
    }

    [Fact]
    public void A_huge_file_is_refused()
    {
        _folder.Write("huge.yaml", "# " + new string('x', 3 * 1024 * 1024));
        Assert.Equal(DiagnosticCodes.YamlTooLarge, Assert.Single(_folder.Load().Errors).Code);
    }

    [Fact]
    public void Binary_garbage_is_an_error_not_a_crash()
    {
        var bytes = new byte[4096];
        new Random(42).NextBytes(bytes);
        File.WriteAllBytes(Path.Combine(_folder.Path, "garbage.yaml"), bytes);
        var result = _folder.Load();
        Assert.True(result.HasErrors);
        Assert.All(result.Errors, e => Assert.EndsWith("garbage.yaml", e.Where.File));
    }

    [Fact]
    public void Counts_absences_windows_and_templates_are_checked()
    {
        SingleError(Rule("  conn:\n    endpoint: {destport: 6667}\n    count: {at_least: 5}"), DiagnosticCodes.BadCount);
        SingleError(Rule("  conn:\n    endpoint: {destport: 6667}\n    absent: true\n    within: 5m"), DiagnosticCodes.BadAbsence);
        SingleError(Rule("  proc:\n    process: {username: nobody}", "output: '{proc.usrname} did it'"), DiagnosticCodes.BadTemplate);
        SingleError(Rule("  proc:\n    process: {username: nobody}", "suppress: {by: [pid], for: forever}"), DiagnosticCodes.BadDuration);
        SingleError(Rule("  proc:\n    process: {username: nobody}", "exceptions:\n  - proc.username: root"), DiagnosticCodes.BadException);
    }

    private const string ScheduledBackup = "  backup:\n    process: {command|basename: restic}\n    absent: true\n";

    [Theory]
    [InlineData("    schedule: {between: 1am-3am}", 8, 25, "not a daily window")]
    [InlineData("    schedule: {between: \"24:00-03:00\"}", 8, 25, "not a daily window")]
    [InlineData("    schedule: {between: \"01:00-01:00\"}", 8, 25, "every: 1d")]
    [InlineData("    schedule: {every: 5h}", 8, 23, "must divide a day")]
    [InlineData("    schedule: {every: 30s}", 8, 23, "at least 1m")]
    [InlineData("    schedule: {every: 6h, between: \"01:00-03:00\"}", 8, 27, "one of them")]
    [InlineData("    schedule: {}", 8, 15, "either between")]
    [InlineData("    schedule: {every: 6h}\n    within: 1h", 9, 5, "takes no within")]
    public void A_bad_schedule_is_named_with_its_position(string schedule, int line, int column, string message)
    {
        var error = SingleError(Rule(ScheduledBackup + schedule), DiagnosticCodes.BadSchedule);
        Assert.Equal((line, column), (error.Where.Line, error.Where.Column));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_schedule_needs_an_absence_that_stands_alone()
    {
        var notAbsent = SingleError(Rule("  backup:\n    process: {command: restic}\n    schedule: {every: 1d}"), DiagnosticCodes.BadSchedule);
        Assert.Contains("add absent: true", notAbsent.Message);
        var withOthers = SingleError(Rule("  proc:\n    process: {username: root}\n" + ScheduledBackup + "    schedule: {every: 1d}"), DiagnosticCodes.BadSchedule);
        Assert.Equal((10, 5), (withOthers.Where.Line, withOthers.Where.Column));
        var unscheduled = SingleError(Rule(ScheduledBackup), DiagnosticCodes.BadAbsence);
        Assert.Contains("within a schedule", unscheduled.Message);
    }

    [Fact]
    public void Schedule_keys_units_and_window_placeholders_are_checked()
    {
        var unknown = SingleError(Rule(ScheduledBackup + "    schedule: {betwen: \"01:00-03:00\"}"), DiagnosticCodes.UnknownKey);
        Assert.Contains("did you mean 'between'", unknown.Message);
        SingleError(Rule(ScheduledBackup + "    schedule: {every: 6}"), DiagnosticCodes.WindowUnit);
        var part = SingleError(Rule(ScheduledBackup + "    schedule: {every: 1d}", "output: 'missed {window.begin}'"), DiagnosticCodes.BadTemplate);
        Assert.Contains("{window.start}", part.Message);
        var field = SingleError(Rule(ScheduledBackup + "    schedule: {every: 1d}", "output: 'missed {backup.command}'"), DiagnosticCodes.BadTemplate);
        Assert.Contains("show the window instead", field.Message);
    }

    [Fact]
    public void A_window_too_long_for_time_arithmetic_is_refused()
    {
        var error = SingleError(Rule("  proc:\n    process: {username: nobody}", "suppress: {for: 9999999d}"), DiagnosticCodes.BadDuration);
        Assert.Contains("at most 3660d", error.Message);
    }

    [Fact]
    public void Tests_are_checked_even_when_the_match_is_broken()
    {
        _folder.Write("rule.yaml", Rule("  proc:\n    proces: {username: nobody}", "tests:\n  - name: t\n    facts: [{process: {usrname: x}}]\n    expect: {alerts: 0}"));
        Assert.Equal([DiagnosticCodes.UnknownKind, DiagnosticCodes.UnknownField], _folder.Load().Errors.Select(e => e.Code));
    }

    [Fact]
    public void Macro_and_list_cycles_are_reported()
    {
        _folder.Write("loops.yaml", """
            lists:
              a: [$b]
              b: [$a]
            macros:
              m1: {macro: m2}
              m2: {macro: m1}
            """);
        _folder.Write("rule.yaml", Rule("  proc:\n    process: {username|in: $a, macro: m1}"));
        var codes = _folder.Load().Errors.Select(e => e.Code).ToArray();
        Assert.Contains(DiagnosticCodes.ListCycle, codes);
        Assert.Contains(DiagnosticCodes.MacroCycle, codes);
    }
}
