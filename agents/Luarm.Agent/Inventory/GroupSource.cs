using Luarm.Store.Inventory;
using Microsoft.Extensions.Logging;

namespace Luarm.Agent.Inventory;

/// <summary>Local groups and their listed members from /etc/group (name:password:gid:members).</summary>
public sealed class GroupSource(ILogger logger, string path = "/etc/group")
    : AccountFileSource<UserGroup>(new AccountFile(path, fields: 4), logger)
{
    protected override UserGroup? ToItem(string[] fields) => AccountFile.Id(fields[2]) is { } gid
        ? new UserGroup { GroupName = fields[0], Gid = gid, Members = NullIfEmpty(fields[3]) }
        : null;
}
