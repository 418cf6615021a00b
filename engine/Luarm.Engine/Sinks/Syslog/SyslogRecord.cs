using System.Text;
using Luarm.Engine.Alerts;

namespace Luarm.Engine.Sinks.Syslog;

/// <summary>
/// Keeps a record within the collector's size limit. A collector that gets more
/// than its limit (rsyslog: 8096 bytes by default) cuts the record, and over TCP
/// takes the rest for a record of its own: text an attacker put in a command line
/// would arrive as a forged message. So the message text is cut here, on a UTF-8
/// boundary and with a visible marker, and a record never exceeds the limit.
/// </summary>
internal static class SyslogRecord
{
    /// <returns><paramref name="head"/>, <paramref name="message"/> and <paramref name="tail"/> in at most <paramref name="maxBytes"/>, the message cut if need be.</returns>
    public static byte[] Fit(ReadOnlySpan<byte> head, string message, string tail, int maxBytes)
    {
        var body = Encoding.UTF8.GetBytes(message);
        var end = Encoding.UTF8.GetBytes(tail);
        if (head.Length + body.Length + end.Length <= maxBytes)
        {
            return [.. head, .. body, .. end];
        }
        // The marker for the most that could be cut is at least as long as the one written.
        var room = Math.Max(0, maxBytes - head.Length - end.Length - Encoding.UTF8.GetByteCount(FactText.CutMarker(body.Length, "bytes")));
        var cut = room;
        while (cut > 0 && (body[cut] & 0xC0) == 0x80)
        {
            cut--;
        }
        return [.. head, .. body.AsSpan(0, cut), .. Encoding.UTF8.GetBytes(FactText.CutMarker(body.Length - cut, "bytes")), .. end];
    }
}
