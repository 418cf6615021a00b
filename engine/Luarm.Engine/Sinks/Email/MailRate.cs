namespace Luarm.Engine.Sinks.Email;

/// <summary>The single-alert mails a route sent in the last minute, so a flood turns into a digest.</summary>
internal sealed class MailRate(int perMinute, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Queue<DateTimeOffset> _sent = new();

    public int Remaining
    {
        get
        {
            var since = time.GetUtcNow() - Window;
            while (_sent.TryPeek(out var oldest) && oldest <= since)
            {
                _sent.Dequeue();
            }
            return Math.Max(0, perMinute - _sent.Count);
        }
    }

    public void Sent() => _sent.Enqueue(time.GetUtcNow());
}
