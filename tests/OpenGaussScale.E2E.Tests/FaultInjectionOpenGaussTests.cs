using OpenGaussScale.Core.Errors;
using OpenGaussScale.E2E.Tests.Support;

namespace OpenGaussScale.E2E.Tests;

public sealed class ThreeHostOpenGaussPlaygroundForFaults : PlaygroundFixture
{
    public ThreeHostOpenGaussPlaygroundForFaults()
        : base(3)
    {
        Engine = null;
    }
}

/// <summary>
/// The CI sample of the fault-injection suite on openGauss (the command kit): ogscale killed after the package was
/// sent and installed, before the build; rolled back, the primary's configuration and static config are as before and
/// the new host holds no data directory; killed again at the same point and resumed, the host is a streaming standby
/// (its installed data directory recognised as ogscale's own); then a dropnode killed before the static config is
/// resumed to the end.
/// </summary>
[Trait("Category", "E2E")]
public sealed class FaultInjectionOpenGaussTests(ThreeHostOpenGaussPlaygroundForFaults playground) : IClassFixture<ThreeHostOpenGaussPlaygroundForFaults>
{
    private const int Killed = 137;

    private string[] Access => ["--identity", Path.Combine(playground.Dir, "id_ed25519"), "--known-hosts", Path.Combine(playground.Dir, "known_hosts")];

    [PlaygroundFact]
    public async Task A_killed_expand_is_rolled_back_exactly_or_resumed_and_a_killed_dropnode_is_resumed()
    {
        var before = await PrimarySnapshotAsync();
        var bashrc = await playground.SshOkAsync("omm@ognode2", "cat", ".bashrc");
        string[] expand = ["expand", "-U", "omm", "-G", "dbgrp", "-X", Path.Combine(playground.Dir, "expand-all.xml"), "-h", "127.0.0.12",
            "--package", Path.Combine(playground.Dir, "package"), .. Access];

        var killed = await OgscaleProcess.RunWithFaultAsync("build@127.0.0.12", expand, TimeSpan.FromMinutes(10));
        Assert.True(killed.ExitCode == Killed, killed.ToString());
        var rollback = await OgscaleProcess.RunAsync(["rollback", "--journal", JournalWatch.Newest(), "--yes", .. Access], TimeSpan.FromMinutes(5));
        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        Assert.Equal(before, await PrimarySnapshotAsync());
        Assert.Equal("absent", await playground.SshOkAsync("root@ognode2", "sh", "-c", "test -e /opt/ogscale/data/dn && echo present || echo absent"));
        Assert.Equal(bashrc, await playground.SshOkAsync("omm@ognode2", "cat", ".bashrc"));

        killed = await OgscaleProcess.RunWithFaultAsync("build@127.0.0.12", expand, TimeSpan.FromMinutes(10));
        Assert.True(killed.ExitCode == Killed, killed.ToString());
        var resumed = await OgscaleProcess.RunAsync(["resume", "--journal", JournalWatch.Newest(), "--yes", .. Access], TimeSpan.FromMinutes(10));
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains("127.0.0.12:\tSuccess", resumed.Stdout, StringComparison.Ordinal);
        var query = await playground.KitOkAsync("omm@ognode2", "gs_ctl", "query", "-D", "/opt/ogscale/data/dn");
        Assert.Contains("local_role                     : Standby", query, StringComparison.Ordinal);

        string[] drop = ["dropnode", "-U", "omm", "-G", "dbgrp", "-X", Path.Combine(playground.Dir, "expand-all.xml"), "-h", "127.0.0.12", "--yes", .. Access];
        killed = await OgscaleProcess.RunWithFaultAsync("staticconf@127.0.0.11", drop, TimeSpan.FromMinutes(5));
        Assert.True(killed.ExitCode == Killed, killed.ToString());
        resumed = await OgscaleProcess.RunAsync(["resume", "--journal", JournalWatch.Newest(), "--yes", .. Access], TimeSpan.FromMinutes(5));
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        var status = await playground.KitOkAsync("omm@ognode1", "gs_om", "-t", "status", "--detail");
        Assert.DoesNotContain("127.0.0.12", status, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, (await OgscaleProcess.RunAsync(["status", "-U", "omm", "-X", Path.Combine(playground.Dir, "cluster.xml"), .. Access])).ExitCode);
    }

    // The settings and the pg_hba rules in effect (the active lines: gs_guc takes a setting or a rule back by commenting
    // it out) and the static config byte for byte.
    private async Task<string> PrimarySnapshotAsync() =>
        await playground.SshOkAsync("omm@ognode1", "sh", "-c",
            "grep -Ev '^[[:space:]]*(#|$)' /opt/ogscale/data/dn/postgresql.conf /opt/ogscale/data/dn/pg_hba.conf; cat /opt/ogscale/app/bin/cluster_static_config");
}
