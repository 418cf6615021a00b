namespace Luarm.Agent.Pipeline;

/// <summary>
/// Tells when the upload is stuck: rows wait, yet the uploader's progress has
/// not moved for the timeout. An idle agent (nothing waiting) is never stuck.
/// </summary>
internal sealed class StallWatch(TimeSpan timeout)
{
    private long _progress = -1;
    private DateTime _since;

    public bool IsStalled(long progress, long waitingRows, DateTime now)
    {
        if (waitingRows == 0 || progress != _progress)
        {
            _progress = progress;
            _since = now;
            return false;
        }
        return now - _since >= timeout;
    }
}
