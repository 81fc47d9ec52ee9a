using OpenGaussScale.E2E.Tests.Support;
using OpenGaussScale.Playground;
using OpenGaussScale.Playground.Verbs;

namespace OpenGaussScale.E2E.Tests;

/// <summary>
/// What goes wrong around an expansion, in order on one six-host playground: refusals that change nothing (a data
/// directory in use, the lock held, an unknown and a changed host key), an expansion while an existing standby is down,
/// a new host that dies mid-run (exit 5, its traces gone from the existing nodes, the primary Normal), and last an
/// existing standby whose host key changed (dropnode refuses before any change; status says so).
/// </summary>
public abstract class ExpandFailureScenarios(PlaygroundFixture playground)
{
    /// <summary>Extra expand options of the engine (the package for openGauss).</summary>
    protected abstract string[] EngineArgs { get; }

    /// <summary>The first step of a new host in this engine's plan.</summary>
    protected abstract string FirstStep { get; }

    /// <summary>Where the engine keeps the cluster lock on the primary.</summary>
    protected abstract string LockPath { get; }

    /// <summary>The primary's configuration as files and slots: equal before and after a refused run.</summary>
    protected abstract Task<string> PrimarySnapshotAsync();

    /// <summary>Runs one refusal only this engine has and asserts its message (the caller checks that nothing changed).</summary>
    protected abstract Task AssertEngineRefusalAsync();

    /// <summary>Asserts that nothing of <paramref name="host"/> is left on the primary (replication entries, hba rules, slots).</summary>
    protected abstract Task AssertForgottenAsync(string host);

    protected PlaygroundFixture Playground => playground;

    protected string[] Access => ["--identity", Path.Combine(playground.Dir, "id_ed25519"), "--known-hosts", Path.Combine(playground.Dir, "known_hosts")];

    protected async Task RunScenarioAsync()
    {
        var before = await PrimarySnapshotAsync();

        // A data directory that is in use: refused, nothing changed.
        await playground.SshOkAsync("root@ognode2", "sh", "-c", "mkdir -p /opt/ogscale/data/dn && touch /opt/ogscale/data/dn/leftover");
        var busy = await Expand(["-h", "127.0.0.12"]);
        Assert.Equal(3, busy.ExitCode);
        Assert.Contains("error: 127.0.0.12: data-dir: ognode2: the data directory /opt/ogscale/data/dn is not empty", busy.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, await PrimarySnapshotAsync());
        await playground.SshOkAsync("root@ognode2", "rm", "-rf", "/opt/ogscale/data/dn");

        // The lock held by another run: refused naming the holder; the lock stays.
        var holder = """{"operation":"dropnode","user":"root","controlHost":"elsewhere","pid":4242,"startedAt":"2026-11-25T23:10:42Z","runId":"other-run"}""";
        await playground.SshOkAsync("omm@ognode1", "sh", "-c", "mkdir -p \"$(dirname \"$1\")\" && printf '%s\\n' \"$2\" > \"$1\"", "lock", LockPath, holder);
        var locked = await Expand(["-h", "127.0.0.12"]);
        Assert.Equal(3, locked.ExitCode);
        Assert.Contains("another run holds the cluster lock: dropnode by root on elsewhere (pid 4242) since 2026-11-25 23:10:42Z", locked.Stderr, StringComparison.Ordinal);
        Assert.Contains("other-run", await playground.SshOkAsync("omm@ognode1", "cat", LockPath));
        Assert.Equal(before, await PrimarySnapshotAsync());
        await playground.SshOkAsync("omm@ognode1", "rm", LockPath);

        // The primary's database down; a cascade without a standby of its AZ; the engine's own refusal: nothing changed.
        Assert.Equal(0, (await playground.PlaygroundAsync("stop", "1", "--db-only")).ExitCode);
        var primaryDown = await Expand(["-h", "127.0.0.12"]);
        Assert.Equal(0, (await playground.PlaygroundAsync("start", "1")).ExitCode);
        Assert.Equal(3, primaryDown.ExitCode);
        Assert.Contains("error: 127.0.0.11: primary: the primary ognode1 is not Normal", primaryDown.Stderr, StringComparison.Ordinal);
        var lonelyCascade = await OgscaleProcess.RunAsync(
            ["expand", "-U", "omm", "-G", "dbgrp", "-X", OpenGaussScale.Playground.Xml.CascadeVariant.Write(playground.Dir, "ognode3"), "-h", "127.0.0.13", .. EngineArgs, .. Access]);
        Assert.Equal(3, lonelyCascade.ExitCode);
        Assert.Contains("cascade standby ognode3 has no Normal standby in its AZ AZ1 to stream from", lonelyCascade.Stderr, StringComparison.Ordinal);
        await AssertEngineRefusalAsync();
        Assert.Equal(before, await PrimarySnapshotAsync());

        // A host whose key is not in known_hosts, and one whose key changed: refused, nothing changed.
        var partial = Path.Combine(playground.Dir, "known_hosts.without-13");
        File.WriteAllLines(partial, File.ReadAllLines(Path.Combine(playground.Dir, "known_hosts")).Where(l => !l.Contains("127.0.0.13", StringComparison.Ordinal)));
        var unknown = await OgscaleProcess.RunAsync(
            ["expand", "-U", "omm", "-G", "dbgrp", "-X", Xml, "-h", "127.0.0.13", "--identity", Path.Combine(playground.Dir, "id_ed25519"), "--known-hosts", partial, .. EngineArgs]);
        Assert.Equal(3, unknown.ExitCode);
        Assert.Contains("127.0.0.13: host key ssh-ed25519 SHA256:", unknown.Stderr, StringComparison.Ordinal);
        Assert.Contains("is not known", unknown.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, (await playground.PlaygroundAsync("rekey", "6")).ExitCode);
        var changed = await Expand(["-h", "127.0.0.16"]);
        Assert.Equal(3, changed.ExitCode);
        Assert.Contains("127.0.0.16: the host key has changed", changed.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, await PrimarySnapshotAsync());

        // An expansion while an existing standby is down: the new host is added, the down one comes back by itself.
        var first = await Expand(["-h", "127.0.0.12"]);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(0, (await playground.PlaygroundAsync("stop", "2")).ExitCode);
        var whileDown = await Expand(["-h", "127.0.0.13"]);
        Assert.True(whileDown.ExitCode == 0, whileDown.ToString());
        Assert.Contains("warning: 127.0.0.12: existing-standby: existing standby ognode2", whileDown.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, (await playground.PlaygroundAsync("start", "2")).ExitCode);
        var healthy = await Eventually.UntilAsync(() => Status(), r => r.ExitCode == 0, TimeSpan.FromMinutes(1));
        Assert.True(healthy.ExitCode == 0, healthy.ToString());

        // A new host that dies once its first step has started: the others finish, exit 5, its traces are gone.
        var started = DateTime.UtcNow;
        var run = Expand(["-h", "127.0.0.14,127.0.0.15"], TimeSpan.FromMinutes(10));
        Assert.True(await JournalWatch.WaitForAsync(started, "started", $"{FirstStep}@127.0.0.15", TimeSpan.FromMinutes(3)), "the run never started on ognode5");
        using (var quiet = new StringWriter())
        {
            Assert.Equal(0, await PlaygroundHostControl.StopAsync(playground.Dir, "5", StopScope.Host, quiet, new PlaygroundLog(quiet), CancellationToken.None));
        }

        var partly = await run;
        Assert.True(partly.ExitCode == 5, partly.ToString());
        Assert.Contains("127.0.0.14:\tSuccess\n127.0.0.15:\tFailed", partly.Stdout, StringComparison.Ordinal);
        await AssertForgottenAsync("127.0.0.15");
        var after = await Status();
        Assert.Contains("Primary  Normal", after.Stdout, StringComparison.Ordinal);

        // An existing standby whose host key changed (issue 14, item 6): dropnode stops before any change instead of
        // dropping it "without being stopped", and status shows a changed key, not a node that is merely down.
        Assert.Equal(0, (await playground.PlaygroundAsync("rekey", "2")).ExitCode);
        var beforeDrop = await PrimarySnapshotAsync();
        var drop = await OgscaleProcess.RunAsync(["dropnode", "-U", "omm", "-G", "dbgrp", "-X", Xml, "-h", "127.0.0.12", "--yes", .. Access]);
        Assert.True(drop.ExitCode == 3, drop.ToString());
        Assert.Contains("error: ognode2: 127.0.0.12: the host key has changed: 127.0.0.12 (port 22) sent ssh-ed25519 SHA256:", drop.Stderr, StringComparison.Ordinal);
        Assert.Contains("; stopping before any change", drop.Stderr, StringComparison.Ordinal);
        Assert.Contains($"ssh-keygen -f {Path.Combine(playground.Dir, "known_hosts")} -R 127.0.0.12", drop.Stderr, StringComparison.Ordinal);
        Assert.Equal(beforeDrop, await PrimarySnapshotAsync());
        var changedStatus = await OgscaleProcess.RunAsync(["status", "-U", "omm", "-X", Xml, .. Access]);
        Assert.True(changedStatus.ExitCode == 3, changedStatus.ToString());
        Assert.Contains("host key changed", changedStatus.Stdout, StringComparison.Ordinal);
        Assert.Contains("error: ognode2 (127.0.0.12): 127.0.0.12: the host key has changed", changedStatus.Stderr, StringComparison.Ordinal);
    }

    protected string Xml => Path.Combine(playground.Dir, "expand-all.xml");

    private Task<ProcessResult> Expand(string[] args, TimeSpan? timeout = null) =>
        OgscaleProcess.RunAsync(["expand", "-U", "omm", "-G", "dbgrp", "-X", Xml, .. args, .. EngineArgs, .. Access], timeout ?? TimeSpan.FromMinutes(10));

    private Task<ProcessResult> Status() =>
        OgscaleProcess.RunAsync(["status", "-U", "omm", "-X", Path.Combine(playground.Dir, "cluster.xml"), .. Access]);
}

public sealed class SixHostPostgreSqlPlaygroundForFailures : PlaygroundFixture
{
    public SixHostPostgreSqlPlaygroundForFailures()
        : base(6)
    {
    }
}

public sealed class SixHostOpenGaussPlaygroundForFailures : PlaygroundFixture
{
    public SixHostOpenGaussPlaygroundForFailures()
        : base(6)
    {
        Engine = null;
    }
}

[Trait("Category", "E2E")]
public sealed class ExpandFailurePostgreSqlTests(SixHostPostgreSqlPlaygroundForFailures playground)
    : ExpandFailureScenarios(playground), IClassFixture<SixHostPostgreSqlPlaygroundForFailures>
{
    protected override string[] EngineArgs => [];

    protected override string FirstStep => "prepare";

    protected override string LockPath => "/home/omm/.ogscale/ogscale.lock";

    [PlaygroundFact]
    public Task Refusals_change_nothing_a_down_standby_is_tolerated_and_a_dying_host_ends_in_exit_5() => RunScenarioAsync();

    protected override async Task<string> PrimarySnapshotAsync() =>
        await Playground.SshOkAsync("omm@ognode1", "sh", "-c", "cat /opt/ogscale/data/dn/pg_hba.conf /opt/ogscale/data/dn/postgresql.auto.conf") +
        (await Playground.PlaygroundAsync("sql", "1", "select slot_name from pg_replication_slots order by 1")).Stdout;

    // -L needs the new host's standalone database running.
    protected override async Task AssertEngineRefusalAsync()
    {
        var run = await OgscaleProcess.RunAsync(["expand", "-U", "omm", "-G", "dbgrp", "-X", Xml, "-h", "127.0.0.14", "-L", .. Access]);
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("ognode4: -L needs its standalone database running in /opt/ogscale/data/dn", run.Stderr, StringComparison.Ordinal);
    }

    protected override async Task AssertForgottenAsync(string host)
    {
        Assert.Equal("ognode2\nognode3\nognode4", (await Playground.PlaygroundAsync("sql", "1", "select slot_name from pg_replication_slots order by 1")).Stdout.Trim());
        Assert.DoesNotContain($"{host}/32", await Playground.SshOkAsync("omm@ognode1", "cat", "/opt/ogscale/data/dn/pg_hba.conf"), StringComparison.Ordinal);
    }
}

[Trait("Category", "E2E")]
public sealed class ExpandFailureOpenGaussTests(SixHostOpenGaussPlaygroundForFailures playground)
    : ExpandFailureScenarios(playground), IClassFixture<SixHostOpenGaussPlaygroundForFailures>
{
    protected override string[] EngineArgs => ["--package", Path.Combine(Playground.Dir, "package")];

    protected override string FirstStep => "transfer";

    protected override string LockPath => "/opt/ogscale/tmp/ogscale.lock";

    [PlaygroundFact]
    public Task Refusals_change_nothing_a_down_standby_is_tolerated_and_a_dying_host_ends_in_exit_5() => RunScenarioAsync();

    protected override async Task<string> PrimarySnapshotAsync() =>
        await Playground.SshOkAsync("omm@ognode1", "sh", "-c", "cat /opt/ogscale/data/dn/postgresql.conf /opt/ogscale/data/dn/pg_hba.conf /opt/ogscale/app/bin/cluster_static_config");

    // A package whose Server tarball does not match its sha256 is refused before anything is sent.
    protected override async Task AssertEngineRefusalAsync()
    {
        var broken = Path.Combine(Playground.Dir, "package-broken");
        Directory.CreateDirectory(broken);
        foreach (var file in Directory.GetFiles(Path.Combine(Playground.Dir, "package")))
        {
            File.Copy(file, Path.Combine(broken, Path.GetFileName(file)), overwrite: true);
        }

        await File.WriteAllTextAsync(Directory.GetFiles(broken, "*.sha256").Single(), new string('0', 64) + "\n");
        var run = await OgscaleProcess.RunAsync(["expand", "-U", "omm", "-G", "dbgrp", "-X", Xml, "-h", "127.0.0.14", "--package", broken, .. Access]);
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("openGauss-Server-6.0.0-Debian12-64bit.tar.bz2 does not match openGauss-Server-6.0.0-Debian12-64bit.sha256", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("no", await Playground.SshOkAsync("root@ognode4", "sh", "-c", "test -e /opt/ogscale/package && echo yes || echo no"));
    }

    protected override async Task AssertForgottenAsync(string host)
    {
        var conf = await Playground.SshOkAsync("omm@ognode1", "cat", "/opt/ogscale/data/dn/postgresql.conf");
        Assert.DoesNotContain(conf.Split('\n'), l => l.StartsWith("replconninfo", StringComparison.Ordinal) && l.Contains($"remotehost={host} ", StringComparison.Ordinal));
        var hba = await Playground.SshOkAsync("omm@ognode1", "cat", "/opt/ogscale/data/dn/pg_hba.conf");
        Assert.DoesNotContain(hba.Split('\n'), l => !l.StartsWith('#') && l.Contains($"{host}/32", StringComparison.Ordinal));
        var status = await Playground.KitOkAsync("omm@ognode1", "gs_om", "-t", "status", "--detail");
        Assert.DoesNotContain(host, status, StringComparison.Ordinal);
    }
}
