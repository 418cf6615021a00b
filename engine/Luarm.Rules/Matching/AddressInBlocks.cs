namespace Luarm.Rules.Matching;

/// <summary><c>|cidr</c>: the value is an IP address inside one of the blocks. Not an address: no match.</summary>
public sealed class AddressInBlocks(IReadOnlyList<CidrBlock> blocks) : TextMatcher
{
    public override bool Matches(ReadOnlySpan<char> value)
    {
        Span<byte> address = stackalloc byte[16];
        var length = CidrBlock.ParseAddress(value.Trim(), address);
        if (length == 0)
        {
            return false;
        }
        foreach (var block in blocks)
        {
            if (block.Contains(address[..length]))
            {
                return true;
            }
        }
        return false;
    }
}
