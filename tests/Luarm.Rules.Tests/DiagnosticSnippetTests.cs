using Luarm.Rules.Diagnostics;

namespace Luarm.Rules.Tests;

/// <summary>The offending line under a diagnostic: a caret at the column, at most one screen line wide.</summary>
public sealed class DiagnosticSnippetTests
{
    [Fact]
    public void A_short_line_is_shown_whole_with_a_caret_under_the_column()
    {
        var snippet = DiagnosticSnippet.For(new SourceSpan("f.yaml", 2, 7), ["id: X", "  usrname: nobody"]);

        Assert.Equal(["    |   usrname: nobody", "    |       ^"], snippet);
    }

    [Fact]
    public void A_huge_line_is_cut_around_the_column()
    {
        var line = new string('a', 300_000) + "HERE" + new string('b', 300_000);

        var snippet = DiagnosticSnippet.For(new SourceSpan("f.yaml", 1, 300_001), [line]);

        Assert.True(snippet[0].Length <= DiagnosticSnippet.Width + 10, $"{snippet[0].Length} characters");
        Assert.StartsWith("    | …", snippet[0]);
        Assert.EndsWith("…", snippet[0]);
        Assert.Equal('H', snippet[0][snippet[1].IndexOf('^')]);
    }

    [Fact]
    public void Tabs_and_control_characters_cannot_move_the_caret_or_reach_the_terminal()
    {
        var snippet = DiagnosticSnippet.For(new SourceSpan("f.yaml", 1, 5), ["\ta\u001b[X: 1"]);

        Assert.Equal("    |  a?[X: 1", snippet[0]);
        Assert.Equal('X', snippet[0][snippet[1].IndexOf('^')]);
    }

    [Fact]
    public void A_position_past_the_file_shows_nothing()
    {
        Assert.Empty(DiagnosticSnippet.For(new SourceSpan("f.yaml", 9, 1), ["one line"]));
    }
}
