namespace Luarm.Store.Access;

/// <summary>
/// The id of one appended chunk, recorded in the <c>uploads</c> table with its rows:
/// the agent instance that made it, its sequence there, and which part of it when
/// a refused row split it (<c>""</c> for the whole chunk, then <c>0</c>/<c>1</c> per halving).
/// </summary>
public sealed record UploadBatch(string Agent, long Sequence, string Part = "")
{
    public UploadBatch Half(int which) => this with { Part = Part + (which == 0 ? "0" : "1") };
}
