using OpenGaussScale.Core.Errors;
using OpenGaussScale.Core.Remote;
using System.Collections.Concurrent;

namespace OpenGaussScale.Cli.Tests;

/// <summary>
/// `ogscale status` is read-only: a node whose host key changed is shown as such, with OpenSSH's fix, and makes the
/// exit code 3; it is never shown as a node that is merely down (nor left out). The nodes here are scripted shells.
/// </summary>
public sealed class StatusCommandTests : IDisposable
{
    private const string KnownHosts = "/root/.ssh/known_hosts";
    private static readonly string Sample = Path.Combine(AppContext.BaseDirectory, "samples", "docs-en-1primary-1standby.xml");
    private readonly string _state = Path.Combine(Path.GetTempPath(), $"ogscale-cli-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_state))
        {
            Directory.Delete(_state, recursive: true);
        }
    }

    [Fact]
    public async Task A_standby_whose_host_key_changed_is_reported_as_such_with_the_fix_and_exit_3()
    {
        var nodes = new PostgreSqlNodes { ChangedHostKey = "192.168.0.2" };

        var run = await CliHarness.RunAsync(Services(nodes), "status", "-U", "omm", "-X", Sample, "--engine", "postgresql");

        Assert.Equal(ExitCodes.PreconditionFailed, run.ExitCode);
        var row = Assert.Single(run.Stdout.Split('\n'), l => l.StartsWith("node2_hostname", StringComparison.Ordinal));
        Assert.Contains("host key changed", row, StringComparison.Ordinal);
        Assert.Contains(
            $"error: node2_hostname (192.168.0.2): 192.168.0.2: the host key has changed: 192.168.0.2 (port 22) sent ssh-ed25519 SHA256:new, but {KnownHosts}:3 has ssh-ed25519 SHA256:old",
            run.Stderr,
            StringComparison.Ordinal);
        Assert.Contains($"hint: if the host really has a new key, check its fingerprint out of band, then remove the old key with `ssh-keygen -f {KnownHosts} -R 192.168.0.2`", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("warning: node2_hostname", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_outside_the_cluster_whose_host_key_changed_is_shown_and_warned_about_without_failing_status()
    {
        var nodes = new PostgreSqlNodes { ChangedHostKey = "192.168.0.2", StandbySlot = false };

        var run = await CliHarness.RunAsync(Services(nodes), "status", "-U", "omm", "-X", Sample, "--engine", "postgresql");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var row = Assert.Single(run.Stdout.Split('\n'), l => l.StartsWith("node2_hostname", StringComparison.Ordinal));
        Assert.Contains("(not in the cluster)", row, StringComparison.Ordinal);
        Assert.Contains("host key changed", row, StringComparison.Ordinal);
        Assert.Contains("warning: node2_hostname (192.168.0.2): 192.168.0.2: the host key has changed", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_json_output_says_which_node_has_a_changed_host_key()
    {
        var nodes = new PostgreSqlNodes { ChangedHostKey = "192.168.0.2" };

        var run = await CliHarness.RunAsync(Services(nodes), "status", "-U", "omm", "-X", Sample, "--engine", "postgresql", "--output", "json");

        Assert.Equal(ExitCodes.PreconditionFailed, run.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(run.Stdout);
        var standby = json.RootElement.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("host").GetString() == "192.168.0.2");
        Assert.Equal("changed", standby.GetProperty("hostKey").GetString());
        var primary = json.RootElement.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("host").GetString() == "192.168.0.1");
        Assert.False(primary.TryGetProperty("hostKey", out var none) && none.ValueKind != System.Text.Json.JsonValueKind.Null);
    }

    private CliServices Services(PostgreSqlNodes nodes) => CliServices.CreateDefault() with
    {
        HostName = "control-host",
        UserName = "root",
        IsRoot = true,
        StateDirectory = _state,
        ReadAnswer = null,
        Environment = _ => null,
        ShellFactories = (_, _) => (nodes, nodes),
    };

    /// <summary>
    /// A PostgreSQL primary (192.168.0.1, holding the standby's slot) and its standby as `status` reads them; the node
    /// named by <see cref="ChangedHostKey"/> refuses the connection as the SSH layer does for a changed key.
    /// </summary>
    private sealed class PostgreSqlNodes : IRemoteShellFactory
    {
        public string? ChangedHostKey { get; init; }

        /// <summary>Whether the primary holds the standby's replication slot (then the standby counts as a member).</summary>
        public bool StandbySlot { get; init; } = true;

        public ConcurrentQueue<string> Commands { get; } = new();

        public Task<IRemoteShell> OpenAsync(RemoteTarget target, CancellationToken cancellationToken)
        {
            if (target.Host == ChangedHostKey)
            {
                throw new RemoteException(
                    RemoteFailureKind.HostKeyChanged,
                    target,
                    $"{target.Host}: the host key has changed: {target.Host} (port 22) sent ssh-ed25519 SHA256:new, but {KnownHosts}:3 has ssh-ed25519 SHA256:old; " +
                    $"not connecting as {target.User} (someone may be intercepting the connection, or the host was reinstalled)",
                    $"if the host really has a new key, check its fingerprint out of band, then remove the old key with `ssh-keygen -f {KnownHosts} -R {target.Host}` and add the new one; " +
                    "--accept-new-host-keys never replaces a changed key");
            }

            return Task.FromResult<IRemoteShell>(new Shell(this, target));
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        private sealed class Shell(PostgreSqlNodes owner, RemoteTarget target) : IRemoteShell
        {
            public RemoteTarget Target => target;

            public bool IsLocal => false;

            public Task<CommandResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken)
            {
                owner.Commands.Enqueue($"{target.Host}: {command}");
                var sql = command.Argv[^1];
                var stdout = command.Argv switch
                {
                    ["sh", "-c", _, "ogscale-datadir", _] => "notempty\n",
                    ["sh", "-c", _] => "/home/omm",
                    ["psql", ..] when sql.StartsWith("select pg_is_in_recovery()", StringComparison.Ordinal) => "f|150000|10|10|replica|*|||/opt/data/pg_hba.conf|on\n",
                    ["psql", ..] when sql.Contains("pg_replication_slots", StringComparison.Ordinal) => owner.StandbySlot ? "node2_hostname|false\n" : "",
                    ["psql", ..] => "",
                    _ => throw new Xunit.Sdk.XunitException($"unexpected command on {target.Host}: {command}"),
                };
                return Task.FromResult(new CommandResult(0, stdout, "", TimeSpan.Zero));
            }

            public Task<UploadResult> UploadAsync(FileUpload upload, IProgress<TransferProgress>? progress, CancellationToken cancellationToken) =>
                throw new Xunit.Sdk.XunitException($"status uploaded {upload.RemotePath}");

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
