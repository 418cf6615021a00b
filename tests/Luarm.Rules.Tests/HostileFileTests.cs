using System.Text;
using Luarm.Rules.Diagnostics;
using Luarm.Testing;

namespace Luarm.Rules.Tests;

/// <summary>What a typo or a hostile file does to the loader: a positioned error, never an exception.</summary>
public sealed class HostileFileTests : IDisposable
{
    private readonly RuleFolder _folder = new RuleFolder().WithShippedLibrary();

    public void Dispose() => _folder.Dispose();

    private RuleDiagnostic SingleError(string file, string code)
    {
        var result = _folder.Load();
        var error = Assert.Single(result.Errors);
        Assert.Equal(code, error.Code);
        Assert.Equal(file, error.Where.File);
        Assert.Contains(file, result.InvalidFiles);
        return error;
    }

    [Fact]
    public void A_flow_mapping_broken_by_a_list_item_is_a_syntax_error_where_the_scanner_stopped()
    {
        // YamlDotNet's scanner throws InvalidOperationException here, not YamlException.
        var path = _folder.Write("typo.yaml", "x: {a: b\n- c\n");
        var error = SingleError(path, DiagnosticCodes.YamlSyntax);
        Assert.Equal(2, error.Where.Line);
        Assert.True(error.Where.Column >= 1);
    }

    [Fact]
    public void A_missing_brace_in_a_test_row_is_a_syntax_error_and_other_files_still_load()
    {
        var shipped = File.ReadAllText(Path.Combine(RepositoryPaths.Rules, "irc-bot.yaml"));
        var broken = shipped.Replace("cwd: /tmp, at: \"+0s\"}", "cwd: /tmp, at: \"+0s\"");
        Assert.NotEqual(shipped, broken);
        var path = _folder.Write("irc-bot.yaml", broken);
        _folder.Write("good.yaml", "id: GOOD-1\ntitle: t\nseverity: low\nmatch:\n  proc:\n    process: {username: nobody}\n");
        var result = _folder.Load();
        var error = Assert.Single(result.Errors);
        Assert.Equal(DiagnosticCodes.YamlSyntax, error.Code);
        Assert.Equal(path, error.Where.File);
        Assert.InRange(error.Where.Line, 38, 41);
        Assert.Contains("GOOD-1", result.Rules.Select(r => r.Id));
    }

    [Theory]
    [InlineData(new byte[] { 0xff }, 2, 8)]
    [InlineData(new byte[] { 0xc3, 0x28 }, 2, 8)]
    [InlineData(new byte[] { 0xe2, 0x82 }, 2, 8)]
    public void Invalid_utf8_is_refused_at_the_bad_byte(byte[] bad, int line, int column)
    {
        var path = Path.Combine(_folder.Path, "bytes.yaml");
        File.WriteAllBytes(path, [.. "id: X\ntitle: "u8, .. bad, .. "\nseverity: low\n"u8]);
        var error = SingleError(path, DiagnosticCodes.YamlEncoding);
        Assert.Equal((line, column), (error.Where.Line, error.Where.Column));
    }

    [Fact]
    public void A_multibyte_character_before_the_bad_byte_counts_as_one_column()
    {
        var path = Path.Combine(_folder.Path, "bytes.yaml");
        File.WriteAllBytes(path, [.. "id: X\ntitle: é"u8, 0xff, .. "\n"u8]);
        var error = SingleError(path, DiagnosticCodes.YamlEncoding);
        Assert.Equal((2, 9), (error.Where.Line, error.Where.Column));
    }

    [Theory]
    [InlineData('\0')]
    [InlineData('\u001b')]
    [InlineData('\u007f')]
    public void Control_characters_are_refused_at_their_position(char control)
    {
        var path = _folder.Write("nul.yaml", $"id: X\ntitle: t\nmatch:\n  proc:\n    process: {{username: nob{control}ody}}\n");
        var error = SingleError(path, DiagnosticCodes.YamlControlCharacter);
        Assert.Equal((5, 28), (error.Where.Line, error.Where.Column));
    }

    [Fact]
    public void A_byte_order_mark_is_not_an_error()
    {
        var path = Path.Combine(_folder.Path, "bom.yaml");
        File.WriteAllBytes(path, [.. Encoding.UTF8.Preamble, .. "id: BOM-1\ntitle: t\nseverity: low\nmatch:\n  proc:\n    process: {username: nobody}\n"u8]);
        var result = _folder.Load();
        Assert.False(result.HasErrors, string.Join('\n', result.Errors));
        Assert.Contains("BOM-1", result.Rules.Select(r => r.Id));
    }

    [Fact]
    public void An_anchor_is_refused_even_without_an_alias()
    {
        var path = _folder.Write("anchor.yaml", "id: X\ntitle: &t a title\n");
        var error = SingleError(path, DiagnosticCodes.YamlAnchor);
        Assert.Equal((2, 8), (error.Where.Line, error.Where.Column));
    }

    [Fact]
    public void Cycles_are_reported_even_when_no_rule_uses_them()
    {
        var path = _folder.Write("loops.yaml", "lists:\n  a: [x, $b]\n  b: [$a]\nmacros:\n  m1: {any: [{macro: m2}]}\n  m2: {not: {macro: m1}}\n");
        var result = _folder.Load();
        var list = Assert.Single(result.Errors, e => e.Code == DiagnosticCodes.ListCycle);
        Assert.Equal((path, 2, 3), (list.Where.File, list.Where.Line, list.Where.Column));
        Assert.Contains("a -> b -> a", list.Message);
        var macro = Assert.Single(result.Errors, e => e.Code == DiagnosticCodes.MacroCycle);
        Assert.Equal((path, 5, 7), (macro.Where.File, macro.Where.Line, macro.Where.Column));
        Assert.Equal(2, result.Errors.Count());
    }

    [Fact]
    public void A_list_that_refers_to_itself_is_a_cycle()
    {
        var path = _folder.Write("self.yaml", "lists:\n  a: [$a]\n");
        Assert.Contains("a -> a", SingleError(path, DiagnosticCodes.ListCycle).Message);
    }

    [Fact]
    public void Lists_that_multiply_are_cut_off_like_an_alias_bomb()
    {
        var lists = string.Join('\n', Enumerable.Range(0, 12).Select(i => $"  l{i}: [{string.Join(", ", Enumerable.Repeat($"$l{i + 1}", 10))}]"));
        _folder.Write("bomb.yaml", $"lists:\n{lists}\n  l12: [x]\n");
        _folder.Write("rule.yaml", "id: X\ntitle: t\nseverity: low\nmatch:\n  proc:\n    process: {username|in: $l0}\n");
        var result = _folder.Load();
        Assert.Contains(result.Errors, e => e.Code == DiagnosticCodes.ReferenceTooDeep && e.RuleId == "X");
        Assert.Empty(result.Rules);
    }

    [Fact]
    public void Macros_that_multiply_are_cut_off()
    {
        var macros = string.Join('\n', Enumerable.Range(0, 16).Select(i => $"  m{i}: {{any: [{{macro: m{i + 1}}}, {{macro: m{i + 1}}}]}}"));
        _folder.Write("bomb.yaml", $"macros:\n{macros}\n  m16: {{username: x}}\n");
        _folder.Write("rule.yaml", "id: X\ntitle: t\nseverity: low\nmatch:\n  proc:\n    process: {macro: m0}\n");
        var result = _folder.Load();
        Assert.Contains(result.Errors, e => e.Code == DiagnosticCodes.ReferenceTooDeep && e.RuleId == "X");
        Assert.Empty(result.Rules);
    }

    [Fact]
    public void A_chain_of_lists_deeper_than_the_limit_is_refused()
    {
        var lists = string.Join('\n', Enumerable.Range(0, 200).Select(i => $"  l{i}: [$l{i + 1}]"));
        _folder.Write("chain.yaml", $"lists:\n{lists}\n  l200: [x]\n");
        _folder.Write("rule.yaml", "id: X\ntitle: t\nseverity: low\nmatch:\n  proc:\n    process: {username|in: $l0}\n");
        Assert.Contains(_folder.Load().Errors, e => e.Code == DiagnosticCodes.ReferenceTooDeep);
    }

    [Fact]
    public void A_huge_value_is_quoted_cut_short()
    {
        var huge = new string('q', 600_000);
        var path = _folder.Write("huge.yaml", $"id: X\ntitle: t\nseverity: {huge}\nmatch:\n  proc:\n    process: {{pid: {huge}, usrname: {huge}}}\n");
        var result = _folder.Load();
        Assert.NotEmpty(result.Errors);
        Assert.All(result.Diagnostics, d => Assert.True(d.Message.Length < 600, $"{d.Code}: {d.Message.Length} characters"));
        Assert.True(result.Errors.Count(e => e.Message.Contains($"…({huge.Length} characters)", StringComparison.Ordinal)) >= 2, string.Join('\n', result.Errors));
        Assert.All(result.Errors, e => Assert.Equal(path, e.Where.File));
    }
}
