using System.Globalization;
using System.Text;
using Luarm.Engine.Alerts;

namespace Luarm.Engine.Tests.Alerts;

/// <summary>The one escaper of fact text: what it shows, how it cuts, and that no input gets a raw control through.</summary>
public sealed class FactTextTests
{
    [Theory]
    [InlineData("a\r\nBcc: x@example.org", "a\\r\\nBcc: x@example.org")]
    [InlineData("\u001b]0;owned\u0007\u001b[2J", "\\x1b]0;owned\\x07\\x1b[2J")]
    [InlineData("tab\there\u000bvt\u000cff\0nul", "tab\\there\\x0bvt\\x0cff\\x00nul")]
    [InlineData("del\u007f c1\u0085\u009b", "del\\x7f c1\\x85\\x9b")]
    [InlineData("line\u2028para\u2029", "line\\u2028para\\u2029")]
    [InlineData("\u202egnp.exe \u2066iso\u2069 \u200f\u061c", "\\u202egnp.exe \\u2066iso\\u2069 \\u200f\\u061c")]
    [InlineData("zero\u200bwidth\ufeffbom\u00adshy", "zero\\u200bwidth\\ufeffbom\\xadshy")]
    [InlineData("tag\U000E0041\U000E007F", "tag\\U000e0041\\U000e007f")]
    [InlineData("été 中文 \U0001F600 C:\\temp \\x1b", "été 中文 \U0001F600 C:\\temp \\x1b")]
    public void Every_invisible_or_line_breaking_character_is_shown_as_an_escape(string value, string shown)
    {
        Assert.Equal(shown, FactText.OneLine(value));
        Assert.Equal(value == shown, FactText.IsPlain(value));
    }

    [Fact]
    public void A_lone_surrogate_is_shown_as_its_code_unit()
    {
        var value = "lone " + '\ud800' + " and " + '\udc00' + " surrogates, a pair \U0001F600 stays";

        Assert.Equal("lone \\ud800 and \\udc00 surrogates, a pair \U0001F600 stays", FactText.OneLine(value));
        Assert.False(FactText.IsPlain(value));
    }

    [Fact]
    public void A_long_value_is_cut_to_the_limit_with_a_marker_counting_what_was_left_out()
    {
        var value = new string('a', 10_000);

        var shown = FactText.OneLine(value, 100);

        Assert.InRange(shown.Length, 99, 100);
        var marker = shown[shown.IndexOf('…', StringComparison.Ordinal)..];
        Assert.Equal($"…[cut {10_000 - (shown.Length - marker.Length)} chars]", marker);
        Assert.Equal(value, FactText.OneLine(value, 10_000));
    }

    [Fact]
    public void A_cut_never_splits_an_escape_or_a_surrogate_pair()
    {
        var escapes = string.Concat(Enumerable.Repeat("\u001b", 50));
        var emoji = string.Concat(Enumerable.Repeat("\U0001F600", 50));

        foreach (var max in Enumerable.Range(30, 40))
        {
            var cutEscapes = FactText.OneLine(escapes, max);
            var cutEmoji = FactText.OneLine(emoji, max);
            Assert.Matches("^(\\\\x1b)*…\\[cut [0-9]+ chars\\]$", cutEscapes);
            Assert.True(FactText.IsPlain(cutEmoji), cutEmoji);
            Assert.True(cutEscapes.Length <= max && cutEmoji.Length <= max);
        }
    }

    /// <summary>Seeded: 5,000 values of random code units biased to the nasty ones, each checked for the promises.</summary>
    [Fact]
    public void No_input_gets_a_raw_control_past_the_escaper_or_a_line_past_its_limit()
    {
        var random = new Random(20110205);
        char[] nasty = ['\n', '\r', '\0', '\u001b', '\u0007', '\u007f', '\u0085', '\u009b', '\u2028', '\u2029', '\u202e', '\u2066', '\ufeff', '\ud83d', '\ude00', '\udb40', '\udc41', '\\', 'x', 'é', ' '];
        for (var n = 0; n < 5_000; n++)
        {
            var value = new StringBuilder();
            var length = random.Next(0, n % 50 == 0 ? 20_000 : 200);
            for (var i = 0; i < length; i++)
            {
                value.Append(random.Next(3) == 0 ? (char)random.Next(0, 0x10000) : nasty[random.Next(nasty.Length)]);
            }
            var max = random.Next(AlertText.MinValueChars, 2_000);

            var whole = FactText.OneLine(value.ToString());
            var cut = FactText.OneLine(value.ToString(), max);

            var context = $"case {n}: {Convert.ToHexString(Encoding.Unicode.GetBytes(value.ToString()))[..Math.Min(200, value.Length * 4)]}";
            Assert.True(FactText.IsPlain(whole), context);
            Assert.True(FactText.IsPlain(cut), context);
            Assert.True(cut.Length <= max, context);
            if (whole.Length <= max)
            {
                Assert.Equal(whole, cut);
            }
            else
            {
                var marker = cut.LastIndexOf("…[cut ", StringComparison.Ordinal);
                Assert.True(marker >= 0, context);
                Assert.StartsWith(cut[..marker], whole, StringComparison.Ordinal);
                Assert.Matches("^…\\[cut [0-9]+ chars\\]$", cut[marker..]);
            }
            Assert.Equal(whole, FactText.OneLine(whole));
            Assert.DoesNotContain(whole, c => char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator);
        }
    }
}
