using System.Security.Cryptography;
using System.Text;

namespace Luarm.Benchmarks;

/// <summary>The md5sum an agent reports for a program: the same program always has the same digest.</summary>
public sealed class ProgramDigests
{
    private readonly Dictionary<string, string> _digests = [];

    public string Of(string program)
    {
        if (!_digests.TryGetValue(program, out var md5))
        {
            md5 = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes("/usr/bin/" + program)));
            _digests[program] = md5;
        }
        return md5;
    }
}
