namespace Luarm.Rules.Tests;

/// <summary>
/// Rules compare text exactly, spaces included, where the store's SQL (PAD SPACE on
/// MariaDB, RTRIM on SQLite) ignores trailing spaces: an author who copies a pivot of
/// the write-up, or expects what a query finds, needs to know which values differ.
/// </summary>
public sealed class TrailingSpaceTests : IDisposable
{
    private readonly RuleFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_trailing_space_makes_a_different_value_for_equality_and_joins_but_not_for_cidr()
    {
        _folder.RunPassingTests("""
            id: T-EXACT
            title: the bot's server, by name
            severity: low
            match:
              conn:
                endpoint: {destfqdn: dana.basefreak.nl}
            tests:
              - name: a stored name with a trailing space is another name
                facts: [{endpoint: {destfqdn: "dana.basefreak.nl "}}]
                expect: {alerts: 0}
            ---
            id: T-COPIED
            title: the bot's server, copied from the write-up's query with its stray space
            severity: low
            match:
              conn:
                endpoint: {destfqdn: "dana.basefreak.nl "}
            tests:
              - name: the quoted space stays in the value, so the name as stored does not match
                facts: [{endpoint: {destfqdn: dana.basefreak.nl}}]
                expect: {alerts: 0}
            ---
            id: T-TOLERANT
            title: the bot's server, whatever follows the name
            severity: low
            match:
              conn:
                endpoint: {destfqdn|re: '^dana\.basefreak\.nl *$'}
            tests:
              - name: a pattern can accept trailing spaces
                facts: [{endpoint: {destfqdn: "dana.basefreak.nl "}}, {endpoint: {destfqdn: dana.basefreak.nl}}]
                expect: {alerts: 2}
            ---
            id: T-JOIN
            title: a connection of a daemon account's process
            severity: low
            match:
              proc:
                process: {username: nobody}
              conn:
                endpoint: {pid: proc.pid, username: proc.username}
            tests:
              - name: a join compares spaces too
                facts:
                  - process: {pid: 5, username: nobody}
                  - endpoint: {pid: 5, username: "nobody "}
                expect: {alerts: 0}
            ---
            id: T-BLOCK
            title: an internal address
            severity: low
            match:
              conn:
                endpoint: {destip|cidr: 10.0.0.0/8}
            tests:
              - name: an address is read without the spaces around it
                facts: [{endpoint: {destip: " 10.1.2.3 "}}]
                expect: {alerts: 1}
            """);
    }
}
