using System.Globalization;
using System.Text;

namespace Luarm.Engine.Sinks.Syslog;

/// <summary>
/// RFC 6587 octet counting (also RFC 5425's framing over TLS): <c>LEN SP MSG</c>,
/// LEN the message's length in bytes, so a message may hold any byte, newlines included.
/// </summary>
internal static class OctetCountingFraming
{
    public static byte[] Frame(ReadOnlySpan<byte> message) =>
        [.. Encoding.ASCII.GetBytes(message.Length.ToString(CultureInfo.InvariantCulture) + " "), .. message];
}
