namespace Luarm.Rules.Tests;

/// <summary>
/// A dual-stack socket reports an IPv4 peer as an IPv4-mapped IPv6 address
/// (<c>::ffff:10.1.2.3</c>): to <c>|cidr</c> it is the IPv4 address, so it can neither
/// slip past a block, nor out of an exclusion or an exception.
/// </summary>
public sealed class MappedAddressTests : IDisposable
{
    private readonly RuleFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_mapped_address_is_inside_the_IPv4_blocks_of_conditions_exclusions_and_exceptions()
    {
        _folder.RunPassingTests("""
            id: T-INTERNAL
            title: a connection into the internal network
            severity: low
            match:
              conn:
                endpoint: {destip|cidr: 10.0.0.0/8}
            exceptions:
              - reason: the backup server
                destip|cidr: 10.9.0.0/16
            tests:
              - name: the mapped form of an internal address is internal
                facts: [{endpoint: {destip: "::ffff:10.1.2.3"}}]
                expect: {alerts: 1}
              - name: in hexadecimal and capitals too
                facts: [{endpoint: {destip: "::FFFF:0A01:0203"}}]
                expect: {alerts: 1}
              - name: the exception holds for the mapped form of its address
                facts: [{endpoint: {destip: "::ffff:10.9.0.5"}}]
                expect: {alerts: 0}
              - name: a mapped address outside the block stays outside
                facts: [{endpoint: {destip: "::ffff:192.0.2.1"}}]
                expect: {alerts: 0}
              - name: an IPv4-compatible address (::10.1.2.3, deprecated, not what sockets report) is IPv6
                facts: [{endpoint: {destip: "::10.1.2.3"}}]
                expect: {alerts: 0}
            ---
            id: T-OUTBOUND
            title: a connection out of the host
            severity: low
            match:
              conn:
                endpoint: {not: {destip|cidr: [127.0.0.0/8, "::1"]}}
            tests:
              - name: the mapped form of loopback is loopback
                facts: [{endpoint: {destip: "::ffff:127.0.0.1"}}]
                expect: {alerts: 0}
              - name: an outside address is outbound in either form
                facts: [{endpoint: {destip: "::ffff:198.51.100.7"}}, {endpoint: {destip: 198.51.100.7}}]
                expect: {alerts: 2}
            ---
            id: T-MAPPED-BLOCK
            title: a block written in the mapped form
            severity: low
            match:
              conn:
                endpoint: {destip|cidr: "::ffff:10.1.2.3"}
            tests:
              - name: a mapped block is its IPv4 address, matching both forms
                facts: [{endpoint: {destip: 10.1.2.3}}, {endpoint: {destip: "::ffff:10.1.2.3"}}]
                expect: {alerts: 2}
            """);
    }

    [Fact]
    public void A_mapped_block_with_an_IPv6_prefix_is_refused_rather_than_matching_nothing()
    {
        _folder.Write("rule.yaml", """
            id: T-MAPPED-PREFIX
            title: every mapped address
            severity: low
            match:
              conn:
                endpoint: {destip|cidr: "::ffff:0:0/96"}
            """);
        var error = Assert.Single(_folder.Load().Errors);
        Assert.Equal("bad-cidr", error.Code);
    }
}
