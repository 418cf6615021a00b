using Luarm.Rules.Matching;

namespace Luarm.Rules.Tests;

public sealed class MatcherTests
{
    [Theory]
    [InlineData("10.20.0.0/16", "10.20.255.1", true)]
    [InlineData("10.20.0.0/16", "10.21.0.1", false)]
    [InlineData("10.20.0.0/12", "10.31.0.1", true)]
    [InlineData("10.20.0.0/12", "10.32.0.1", false)]
    [InlineData("192.0.2.7", "192.0.2.7", true)]
    [InlineData("192.0.2.7", "192.0.2.8", false)]
    [InlineData("0.0.0.0/0", "8.8.8.8", true)]
    [InlineData("10.0.0.0/8", "::ffff:10.1.2.3", true)]
    [InlineData("2001:db8::/32", "2001:db8:1::5", true)]
    [InlineData("2001:db8::/32", "2001:db9::5", false)]
    [InlineData("10.0.0.0/8", "2001:db8::1", false)]
    [InlineData("10.0.0.0/8", "10.0.0", false)]
    [InlineData("10.0.0.0/8", "10.0.0.256", false)]
    [InlineData("10.0.0.0/8", "not an address", false)]
    public void Cidr_blocks_contain_their_addresses(string block, string address, bool inside)
    {
        var matcher = new AddressInBlocks([CidrBlock.Parse(block)!]);
        Assert.Equal(inside, matcher.Matches(address));
    }

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0/8")]
    [InlineData("fe80::/129")]
    [InlineData("10.0.0.0/-1")]
    public void Malformed_blocks_do_not_parse(string block) => Assert.Null(CidrBlock.Parse(block));

    [Theory]
    [InlineData("6660-6670", 6660, true)]
    [InlineData("6660-6670", 6670, true)]
    [InlineData("6660-6670", 6671, false)]
    [InlineData("6697", 6697, true)]
    [InlineData("1.5", 1.5, true)]
    public void Ranges_include_both_edges(string text, double value, bool inside) =>
        Assert.Equal(inside, NumberRange.Parse(text)!.Value.Contains((decimal)value));

    [Theory]
    [InlineData("http")]
    [InlineData("6670-6660")]
    [InlineData("1-2-3")]
    public void Nonsense_is_not_a_range(string text) => Assert.Null(NumberRange.Parse(text));

    [Fact]
    public void Text_compares_without_case_unless_cased()
    {
        Assert.True(new TextEqualsAny(["Perl"], cased: false).Matches("PERL"));
        Assert.False(new TextEqualsAny(["Perl"], cased: true).Matches("PERL"));
        Assert.True(new TextSearch("/TMP/", TextSearchKind.Contains, cased: false).Matches("./x /tmp/a"));
        Assert.False(new TextSearch("/TMP/", TextSearchKind.Contains, cased: true).Matches("./x /tmp/a"));
    }

    [Fact]
    public void Basename_tests_the_last_path_segment()
    {
        var perl = new Basename(new TextEqualsAny(["perl"], cased: false));
        Assert.True(perl.Matches("/usr/bin/perl"));
        Assert.True(perl.Matches("perl"));
        Assert.False(perl.Matches("/usr/bin/perl5.10"));
        Assert.False(perl.Matches("/opt/perl/bin/python"));
    }

    [Fact]
    public void A_missing_value_matches_no_test()
    {
        Assert.False(new TextEqualsAny([""], cased: false).Matches((string?)null));
        Assert.False(new TextSearch("", TextSearchKind.StartsWith, cased: false).Matches((string?)null));
        Assert.False(new NumberMatcher([NumberRange.Between(0, 10)]).Matches((decimal?)null));
    }

    [Fact]
    public void Regexes_search_and_ignore_case_by_default()
    {
        Assert.True(new TextPattern(TextPattern.Compile("^/usr/bin/py(thon)?[0-9.]*$", cased: false)).Matches("/USR/BIN/python3.11"));
        Assert.False(new TextPattern(TextPattern.Compile("^/usr/bin/python$", cased: true)).Matches("/USR/BIN/python"));
    }

    [Fact]
    public void Counts_reach_their_threshold_on_distinct_values_when_asked()
    {
        var destip = Model.FactKind.Find("endpoint")!.Field("destip")!;
        var facts = new[] { "a", "A", "b", "c" }.Select(ip => (object)new Store.Facts.EndpointFact { DestIp = ip }).ToArray();
        Assert.True(new CountThreshold(4, null).IsReached(facts));
        Assert.False(new CountThreshold(5, null).IsReached(facts));
        Assert.True(new CountThreshold(3, destip).IsReached(facts));
        Assert.False(new CountThreshold(4, destip).IsReached(facts));
    }
}
