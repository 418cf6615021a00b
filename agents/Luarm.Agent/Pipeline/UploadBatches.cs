using System.Security.Cryptography;
using Luarm.Store.Access;

namespace Luarm.Agent.Pipeline;

/// <summary>
/// Batch ids for one agent run: a random instance name, new at every start, and
/// a sequence. The store keys batches by host and id, so ids never repeat even
/// though the sequence starts at 1 again after a restart.
/// </summary>
internal sealed class UploadBatches
{
    private readonly string _agent = NewAgent();
    private long _sequence;

    public static string NewAgent() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public UploadBatch Next() => new(_agent, ++_sequence);
}
