using Luarm.Agent.Interop;

namespace Luarm.Agent.Audit;

/// <summary>
/// The agent's connection to the audit netlink: it reads records either as the
/// registered audit daemon (no auditd runs: records come unicast, not to the
/// kernel log) or from the read-only multicast group next to a running auditd,
/// whose registration and rules it never touches. It adds its tagged rules
/// (first removing any a killed agent left) and on <see cref="Dispose"/>
/// removes exactly those, and gives up the registration only if it took it.
/// Auditing it turned on stays on (as auditd leaves it): another reader, e.g.
/// in the multicast group, may still depend on it; without rules it records little.
/// </summary>
internal sealed class AuditSource : IDisposable
{
    /// <summary>Records the kernel may queue for the reader before it counts them lost.</summary>
    public const uint BacklogLimit = 8192;

    private readonly NetlinkSocket _control;
    private readonly List<byte[]> _added = [];
    private bool _registered;

    private AuditSource(NetlinkSocket control, NetlinkSocket records, bool registered, bool sharedWithAuditd)
    {
        _control = control;
        Records = records;
        _registered = registered;
        SharedWithAuditd = sharedWithAuditd;
    }

    public NetlinkSocket Records { get; }

    /// <summary>True when auditd holds the registration and the agent reads the multicast copy.</summary>
    public bool SharedWithAuditd { get; }

    public static AuditSource Open(IEnumerable<string> watchedDirectories)
    {
        var control = NetlinkSocket.Open(NetlinkSocket.NETLINK_AUDIT, 0);
        NetlinkSocket? records = null;
        try
        {
            var status = AuditNetlink.Status(control);
            // Another reader of this very process (a second agent run in one test host) counts as auditd: it keeps the registration.
            var auditdAlive = status.Pid != 0 && Directory.Exists("/proc/" + status.Pid);
            records = auditdAlive
                ? NetlinkSocket.Open(NetlinkSocket.NETLINK_AUDIT, AuditNetlink.AUDIT_NLGRP_READLOG, 16 << 20)
                : NetlinkSocket.Open(NetlinkSocket.NETLINK_AUDIT, 0, 16 << 20);
            var source = new AuditSource(control, records, registered: false, sharedWithAuditd: auditdAlive);
            try
            {
                source.RemoveStaleRules();
                foreach (var rule in AuditRules.For(watchedDirectories, Environment.ProcessId))
                {
                    AuditNetlink.Rule(control, AuditNetlink.AUDIT_ADD_RULE, rule);
                    source._added.Add(rule);
                }
                if (!auditdAlive)
                {
                    if (status.BacklogLimit < BacklogLimit)
                    {
                        AuditNetlink.SetBacklogLimit(control, BacklogLimit);
                    }
                    AuditNetlink.Register(records, Environment.ProcessId);
                    source._registered = true;
                    if (!status.Enabled)
                    {
                        AuditNetlink.SetEnabled(control, true);
                    }
                }
                return source;
            }
            catch
            {
                source.Dispose();
                throw;
            }
        }
        catch
        {
            records?.Dispose();
            control.Dispose();
            throw;
        }
    }

    /// <summary>The kernel's count of records lost since boot (backlog full, or no reader fast enough).</summary>
    public uint Lost() => AuditNetlink.Status(_control).Lost;

    /// <summary>Records the kernel holds that kauditd has not yet sent: an empty socket is not the end while there are any.</summary>
    public uint Queued() => AuditNetlink.Status(_control).Backlog;

    public void Dispose()
    {
        foreach (var rule in _added)
        {
            TryRemove(rule);
        }
        _added.Clear();
        if (_registered)
        {
            try
            {
                AuditNetlink.Register(_control, 0);
            }
            catch (KernelCallException)
            {
                // Closing the registered socket unregisters it too.
            }
            _registered = false;
        }
        Records.Dispose();
        _control.Dispose();
    }

    /// <summary>
    /// Rules with the agent's key whose agent is gone (the pid each excludes no longer runs), or this
    /// process's own: another agent alive on this host keeps its rules, which it removes itself.
    /// </summary>
    private void RemoveStaleRules()
    {
        foreach (var rule in AuditNetlink.ListRules(_control).Where(IsStale))
        {
            TryRemove(rule);
        }
    }

    private static bool IsStale(byte[] rule) =>
        AuditRules.IsOurs(rule) && AuditRules.ExcludedPid(rule) is var agent
        && (agent is null || agent == Environment.ProcessId || !Directory.Exists("/proc/" + agent));

    private void TryRemove(byte[] rule)
    {
        try
        {
            AuditNetlink.Rule(_control, AuditNetlink.AUDIT_DEL_RULE, rule);
        }
        catch (KernelCallException)
        {
            // Already gone (auditctl -D, or a second agent cleaning up): nothing to remove.
        }
    }
}
