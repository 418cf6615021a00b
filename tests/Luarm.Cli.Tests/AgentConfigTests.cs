using Luarm.Testing;

namespace Luarm.Cli.Tests;

/// <summary>The <c>agent:</c> section of luarm.yaml, its flags as overrides, and <c>luarm agent --check-config</c>.</summary>
public sealed class AgentConfigTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("luarm-agent-config-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Check_config_reports_the_agent_section_and_starts_no_collector()
    {
        var store = Path.Combine(_folder.FullName, "never.db");
        var config = Write($"""
            store:
              connection: {store}
            agent:
              collectors: [process, file, userinfo]
              source: classic
              watch: [/etc, /srv/data]
              exclude: [/etc/ssl/certs]
              poll_interval_ms: 250
              inventory_poll_seconds: 30
              spool: {_folder.FullName}/spool
              spool_max_mb: 64
              queue_capacity: 5000
              stall_timeout_seconds: 120
              enrich:
                wait_ms: 50
                dns_servers: [127.0.0.53, "127.0.0.54:5353"]
                lookup_timeout_ms: 300
                max_concurrent_lookups: 2
                name_cache_entries: 500
                max_hash_mb: 64
            """);

        var run = await LuarmRun.Of("agent", "--config", config, "--check-config");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal($"configuration is valid: process,file,userinfo (source classic) into SQLite file {store}, watching /etc, /srv/data, spool {_folder.FullName}/spool; reverse DNS on (127.0.0.53 127.0.0.54:5353, 300 ms a lookup, 2 at once, 500 cached), hashes on (up to 64 MiB), rows wait at most 50 ms\n", run.Output);
        Assert.False(File.Exists(store), "checking must not create the store");
        Assert.False(Directory.Exists(Path.Combine(_folder.FullName, "spool")), "checking must not create the spool");
    }

    [Fact]
    public async Task The_sample_luarm_yaml_passes_the_agent_check()
    {
        var run = await LuarmRun.Of("agent", "--config", Path.Combine(RepositoryPaths.Root, "samples", "luarm.yaml"), "--check-config");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.StartsWith("configuration is valid: process,endpoint,file,device,login,hostinfo,userinfo,groupinfo,netint,netroute (source auto)", run.Output);
    }

    [Fact]
    public async Task A_flag_overrides_its_setting_and_leaves_the_others()
    {
        var config = Write("agent:\n  watch: [/etc]\n  spool: /var/spool/elsewhere\n");

        var run = await LuarmRun.Of("agent", "--config", config, "--store", Path.Combine(_folder.FullName, "s.db"), "--watch", "/home", "--watch", "/root", "--check-config");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("watching /home, /root, spool /var/spool/elsewhere;", run.Output);
    }

    [Fact]
    public async Task Without_an_agent_section_the_defaults_watch_no_temp_folder()
    {
        var config = Write("store:\n  connection: /tmp/unused.db\n");

        var run = await LuarmRun.Of("agent", "--config", config, "--check-config");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("process,endpoint,file,device,login,hostinfo,userinfo,groupinfo,netint,netroute (source auto)", run.Output);
        Assert.Contains("watching /etc, /root, /home, /var/spool/cron, /usr/local/bin, /usr/local/sbin, spool /var/spool/luarm; reverse DNS on (system resolver, 2000 ms a lookup, 4 at once, 10000 cached), hashes on (up to 256 MiB), rows wait at most 200 ms\n", run.Output);
    }

    [Fact]
    public async Task Enrichment_can_be_turned_off_in_the_agent_section()
    {
        var config = Write("store:\n  connection: /tmp/unused.db\nagent:\n  enrich:\n    reverse_dns: false\n    hashes: false\n    wait_ms: 0\n");

        var run = await LuarmRun.Of("agent", "--config", config, "--check-config");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.EndsWith("; reverse DNS off, hashes off, rows wait at most 0 ms\n", run.Output);
    }

    [Theory]
    [InlineData("agent:\n  colectors: [process]\n", 2, 3, "colectors")]
    [InlineData("agent:\n  collectors: [process, keyboard]\n", 2, 3, "no collector named keyboard; choose from process, endpoint, file, device, login, hostinfo, userinfo, groupinfo, netint, netroute")]
    [InlineData("agent:\n  collectors: []\n", 2, 3, "no collector; choose at least one of process, endpoint, file, device, login, hostinfo, userinfo, groupinfo, netint, netroute")]
    [InlineData("agent:\n  source: ebpf\n", 2, 3, "source ebpf: choose from auto, audit, classic")]
    [InlineData("agent:\n  watch: [/etc, home]\n", 2, 3, "home: use an absolute path")]
    [InlineData("agent:\n  exclude:\n", 2, 3, "no value; write a list, [] for none")]
    [InlineData("agent:\n  spool: spool\n", 2, 3, "spool: use an absolute path")]
    [InlineData("agent:\n  watch: [/etc]\n  poll_interval_ms: 0\n", 3, 3, "0: use a number above 0")]
    [InlineData("agent:\n  inventory_poll_seconds: -5\n", 2, 3, "-5: use a number above 0")]
    [InlineData("agent:\n  queue_capacity: -5\n", 2, 3, "-5: use a number above 0")]
    [InlineData("agent:\n  stall_timeout_seconds: soon\n", 2, 26, "soon")]
    [InlineData("agent:\n  enrich:\n    dns_servers: [dns.example]\n", 3, 5, "dns.example: use an IP address, or IP:PORT")]
    [InlineData("agent:\n  enrich:\n    dns_servers:\n", 3, 5, "no value; write a list, [] for the system resolver")]
    [InlineData("agent:\n  enrich:\n    lookup_timeout_ms: 0\n", 3, 5, "0: use a number above 0")]
    [InlineData("agent:\n  enrich:\n    wait_ms: -1\n", 3, 5, "-1: use 0 (never wait) or more")]
    [InlineData("agent:\n  enrich:\n    max_hash_mb: 0\n", 3, 5, "0: use a number above 0")]
    [InlineData("agent:\n  enrich:\n    resolver: 127.0.0.1\n", 3, 5, "resolver")]
    [InlineData("agent:\n  enrich:\n", 2, 3, "no value; write the settings, or leave enrich out")]
    public async Task A_bad_agent_setting_is_named_with_its_position_and_exits_78(string yaml, int line, int column, string reason)
    {
        var config = Write(yaml);

        var run = await LuarmRun.Of("agent", "--config", config, "--check-config");

        var error = run.SingleErrorLine(ExitCodes.Config);
        Assert.StartsWith($"luarm: {config}:{line}:{column}: ", error);
        Assert.Contains(reason, error);
    }

    [Theory]
    [InlineData("--collectors", "process,keyboard", "luarm: --collectors: no collector named keyboard; choose from process, endpoint, file, device, login, hostinfo, userinfo, groupinfo, netint, netroute")]
    [InlineData("--poll-interval-ms", "0", "luarm: --poll-interval-ms: 0: use a number above 0")]
    [InlineData("--stall-timeout", "-1", "luarm: --stall-timeout: -1: use a number above 0")]
    public async Task A_bad_flag_is_a_usage_error(string flag, string value, string expected)
    {
        var run = await LuarmRun.Of("agent", "--store", Path.Combine(_folder.FullName, "s.db"), flag, value, "--check-config");

        Assert.Equal(expected, run.SingleErrorLine(ExitCodes.Usage));
    }

    private string Write(string text)
    {
        var path = Path.Combine(_folder.FullName, "luarm.yaml");
        File.WriteAllText(path, text);
        return path;
    }
}
