namespace Luarm.Agent.Enrichment.Hashes;

/// <summary>MD5 (LUARM's <c>md5sum</c>) and SHA-256 of one executable file, lower-case hex.</summary>
public sealed record ExecutableHashes(string Md5, string Sha256);
