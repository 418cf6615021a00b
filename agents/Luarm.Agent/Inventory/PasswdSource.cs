using Luarm.Store.Inventory;
using Microsoft.Extensions.Logging;

namespace Luarm.Agent.Inventory;

/// <summary>Local user accounts from /etc/passwd (name:password:uid:gid:gecos:home:shell).</summary>
public sealed class PasswdSource(ILogger logger, string path = "/etc/passwd")
    : AccountFileSource<UserAccount>(new AccountFile(path, fields: 7), logger)
{
    protected override UserAccount? ToItem(string[] fields) => AccountFile.Id(fields[2]) is { } uid
        ? new UserAccount { Username = fields[0], Uid = uid, Gid = AccountFile.Id(fields[3]), HomeDir = NullIfEmpty(fields[5]), Shell = NullIfEmpty(fields[6]) }
        : null;
}
