using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Preflight;
using OpenGaussScale.Core.Remote;
using OpenGaussScale.Core.Tests.Fakes;

namespace OpenGaussScale.Core.Tests.Preflight;

public sealed class HostChecksTests
{
    // 10.0.0.1 primary, 10.0.0.2 existing standby, 10.0.0.3 new host.
    private static readonly ClusterConfig Cluster = TestContexts.Cluster("10.0.0.1", "10.0.0.2", "10.0.0.3");
    private static readonly HashSet<string> NewHosts = ["10.0.0.3"];

    [Fact]
    public async Task A_healthy_cluster_passes_every_check()
    {
        var shells = new ScriptedShells(Answers());

        var report = await Run(shells);

        Assert.True(report.Passed, string.Join("\n", report.Errors));
        Assert.Empty(report.Warnings);
        Assert.Equal(
            ["running-user", "ssh", "trust-root", "trust-user", "os", "user-group"],
            report.Results.Select(r => r.Check).Distinct());
        Assert.Equal(3 * 2, report.Results.Count(r => r.Check == "ssh"));
    }

    [Fact]
    public async Task An_unreachable_new_host_is_an_error_naming_it()
    {
        var shells = new ScriptedShells(Answers());
        shells.Unreachable.Add(("10.0.0.3", "root"));

        var report = await Run(shells);

        var error = Assert.Single(report.Errors, e => e.Check == "ssh");
        Assert.Equal("10.0.0.3", error.Host);
        Assert.Equal("node3 (new host): 10.0.0.3:22: connection refused (ssh as root)", error.Message);
        Assert.Equal("start sshd on it", error.Hint);
    }

    [Fact]
    public async Task An_unreachable_existing_standby_only_warns()
    {
        var shells = new ScriptedShells(Answers());
        shells.Unreachable.Add(("10.0.0.2", "root"));
        shells.Unreachable.Add(("10.0.0.2", "omm"));

        var report = await Run(shells);

        Assert.True(report.Passed, string.Join("\n", report.Errors));
        Assert.Contains(report.Warnings, w => w.Check == "ssh" && w.Message.StartsWith("node2 (existing standby)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_existing_standby_whose_host_key_changed_or_is_revoked_is_an_error_not_a_warning(bool revoked)
    {
        var shells = new ScriptedShells(Answers());
        var standby = Cluster.FindByBackIp("10.0.0.2")!;
        var refusal = revoked ? HostKeyRefusals.Revoked(standby, "root") : HostKeyRefusals.Changed(standby, "root");
        shells.Refused[("10.0.0.2", "root")] = refusal;

        var report = await Run(shells);

        Assert.False(report.Passed);
        var error = Assert.Single(report.Errors, e => e.Check == "ssh");
        Assert.Equal("10.0.0.2", error.Host);
        Assert.Equal($"node2 (existing standby): {refusal.Message}", error.Message);
        Assert.Equal(refusal.Hint, error.Hint);
    }

    [Fact]
    public async Task Trust_towards_an_existing_standby_whose_host_key_changed_is_an_error_naming_the_known_hosts_line()
    {
        // The real trust script, run by /bin/sh with an `ssh` that answers as OpenSSH does for a changed key (sshconnect.c).
        using var fakeSsh = new FakeSsh("10.0.0.2");
        var shells = new ScriptedShells((node, user, argv) => argv.Count > 3 && argv[3] == "ogscale-trust"
            ? fakeSsh.Run(argv)
            : Answers()(node, user, argv));

        var report = await Run(shells);

        Assert.False(report.Passed);
        var errors = report.Errors.Where(e => e.Check.StartsWith("trust-", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Contains(
            "@10.0.0.2:22 (the host key has changed or is revoked: Offending ED25519 key in /home/omm/.ssh/known_hosts:2)", e.Message, StringComparison.Ordinal));
        Assert.All(errors, e => Assert.Contains("ssh-keygen -f FILE -R HOST", e.Hint, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Missing_trust_from_one_node_names_the_target()
    {
        var shells = new ScriptedShells(Answers(trustFailure: ("10.0.0.1", "omm@10.0.0.3:22")));

        var report = await Run(shells);

        var error = Assert.Single(report.Errors);
        Assert.Equal(("trust-user", "10.0.0.1"), (error.Check, error.Host));
        Assert.Equal("node1: omm cannot ssh without a password to omm@10.0.0.3:22 (Permission denied (publickey).)", error.Message);
    }

    [Fact]
    public async Task Missing_trust_towards_an_existing_standby_only_warns()
    {
        var shells = new ScriptedShells(Answers(trustFailure: ("10.0.0.1", "omm@10.0.0.2:22")));

        var report = await Run(shells);

        Assert.True(report.Passed, string.Join("\n", report.Errors));
        Assert.Contains(report.Warnings, w => w.Check == "trust-user" && w.Host == "10.0.0.1");
    }

    [Theory]
    [InlineData("os", "node3: runs debian 13 x86_64, the primary node1 runs debian 12 x86_64")]
    [InlineData("user", "node3: user omm does not exist")]
    [InlineData("group", "node3: group dbgrp does not exist")]
    [InlineData("pgroup", "node3: the primary group of omm is users, not dbgrp")]
    public async Task A_new_host_that_differs_from_the_primary_fails_with_a_clear_message(string difference, string message)
    {
        var shells = new ScriptedShells(Answers(differentNode: "10.0.0.3", difference: difference));

        var report = await Run(shells);

        Assert.Contains(report.Errors, e => e.Host == "10.0.0.3" && e.Message == message);
    }

    [Fact]
    public async Task With_the_members_known_a_node_meant_for_a_later_expansion_is_neither_contacted_nor_a_trust_peer()
    {
        var shells = new ScriptedShells(Answers());
        var cluster = TestContexts.Cluster("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4");

        var report = await new HostChecks(cluster, NewHosts, shells, "omm", "dbgrp", members: new HashSet<string> { "10.0.0.2" })
            .RunAsync(true, "ctl", CancellationToken.None);

        Assert.True(report.Passed, string.Join("\n", report.Errors));
        Assert.DoesNotContain(shells.Log, l => l.Host == "10.0.0.4");
        Assert.DoesNotContain(shells.Log, l => l.Command.Argv.Any(a => a.Contains("10.0.0.4", StringComparison.Ordinal)));
        Assert.Equal("node1: root reaches all 2 other nodes without a password", report.Results.First(r => r.Check == "trust-root").Message);
    }

    [Fact]
    public async Task Not_running_as_root_is_an_error()
    {
        var report = await new HostChecks(Cluster, NewHosts, new ScriptedShells(Answers()), "omm", "dbgrp").RunAsync(false, "ctl", CancellationToken.None);

        Assert.Equal("running-user", Assert.Single(report.Errors).Check);
    }

    private static Task<PreflightReport> Run(ScriptedShells shells) =>
        new HostChecks(Cluster, NewHosts, shells, "omm", "dbgrp").RunAsync(true, "ctl", CancellationToken.None);

    private static Func<NodeConfig, string, IReadOnlyList<string>, CommandResult?> Answers(
        (string Source, string Target)? trustFailure = null, string? differentNode = null, string? difference = null) =>
        (node, user, argv) =>
        {
            if (argv is ["true"])
            {
                return ScriptedShells.Ok();
            }

            if (argv.Count > 3 && argv[3] == "ogscale-trust")
            {
                var lines = argv.Skip(4).Select(t => trustFailure is { } f && f.Source == node.BackIp && f.Target == t
                    ? $"{t} 255 Permission denied (publickey)."
                    : $"{t} 0 ");
                return ScriptedShells.Ok(string.Join("\n", lines) + "\n");
            }

            if (argv.Count > 3 && argv[3] == "ogscale-facts")
            {
                var differs = node.BackIp == differentNode;
                var version = differs && difference == "os" ? "13" : "12";
                var userLine = differs && difference == "user" ? "user=no" : $"user=yes\npgroup={(differs && difference == "pgroup" ? "users" : "dbgrp")}";
                var groupLine = differs && difference == "group" ? "group=no" : "group=yes";
                return ScriptedShells.Ok($"id=debian\nversion={version}\nmachine=x86_64\n{userLine}\n{groupLine}\n");
            }

            return null;
        };

    /// <summary>A directory with an `ssh` that fails for one host as OpenSSH 9 does when its key changed, and succeeds for the rest.</summary>
    private sealed class FakeSsh : IDisposable
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("ogscale-fake-ssh-").FullName;

        public FakeSsh(string changedHost)
        {
            var script = Path.Combine(_dir, "ssh");
            File.WriteAllText(script, $$"""
                #!/bin/sh
                case "$*" in
                *@{{changedHost}}\ true)
                    cat >&2 <<'EOF'
                @@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
                @    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @
                @@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
                IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!
                Someone could be eavesdropping on you right now (man-in-the-middle attack)!
                It is also possible that a host key has just been changed.
                The fingerprint for the ED25519 key sent by the remote host is
                SHA256:4bWqgnW8ssTnHcLhEsu8LZq6GyWkpYoVrW3G9kkbyY4.
                Please contact your system administrator.
                Add correct host key in /home/omm/.ssh/known_hosts to get rid of this message.
                Offending ED25519 key in /home/omm/.ssh/known_hosts:2
                  remove with:
                  ssh-keygen -f '/home/omm/.ssh/known_hosts' -R '{{changedHost}}'
                Host key for {{changedHost}} has changed and you have requested strict checking.
                Host key verification failed.
                EOF
                    exit 255;;
                esac
                exit 0

                """);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        public CommandResult Run(IReadOnlyList<string> argv)
        {
            var info = new System.Diagnostics.ProcessStartInfo(argv[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in argv.Skip(1))
            {
                info.ArgumentList.Add(arg);
            }

            info.Environment["PATH"] = $"{_dir}:{Environment.GetEnvironmentVariable("PATH")}";
            using var process = System.Diagnostics.Process.Start(info)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return new CommandResult(process.ExitCode, stdout, stderr.Result, TimeSpan.Zero);
        }

        public void Dispose() => Directory.Delete(_dir, recursive: true);
    }
}
