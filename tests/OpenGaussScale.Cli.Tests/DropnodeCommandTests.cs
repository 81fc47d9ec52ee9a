using OpenGaussScale.Core.Errors;
using OpenGaussScale.Core.Remote;

namespace OpenGaussScale.Cli.Tests;

/// <summary>
/// dropnode's refusals that come before any connection (the shells here fail the test if opened): each exits with its
/// code, says what and how to fix it, and prints nothing on stdout. The sample's addresses are only parsed.
/// </summary>
public sealed class DropnodeCommandTests : IDisposable
{
    private static readonly string Sample = Path.Combine(AppContext.BaseDirectory, "samples", "constructed-expansion-1p1s-add-standby-and-cascade.xml");
    private readonly string _state = Path.Combine(Path.GetTempPath(), $"ogscale-cli-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_state))
        {
            Directory.Delete(_state, recursive: true);
        }
    }

    [Fact]
    public async Task Without_a_terminal_and_without_yes_it_refuses_with_exit_2()
    {
        var run = await Drop(Services(), "-X", Sample, "-h", "192.168.0.3");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Contains("error: dropnode asks for confirmation, but there is no terminal to answer on; nothing was changed", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("hint: pass --yes to confirm in a script", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_target_that_is_not_in_the_cluster_is_refused_with_the_originals_words()
    {
        var run = await Drop(Services(), "-X", Sample, "-h", "192.168.0.3,192.168.0.9", "--yes");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("error: -h: the IP list of target node: [192.168.0.9] is not in the current cluster (GAUSS-35802); nothing was changed", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Root_on_a_cluster_node_is_refused()
    {
        var run = await Drop(Services("node1_hostname", "root", root: true), "-X", Sample, "-h", "192.168.0.3", "--yes");

        Assert.Equal(ExitCodes.PreconditionFailed, run.ExitCode);
        Assert.Contains("error: cannot run this script as a user with the root permission (GAUSS-50105)", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("hint: on a cluster node run dropnode as the cluster user: su - omm", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Root_without_xml_is_refused_too()
    {
        var run = await Drop(Services("node1_hostname", "root", root: true), "-h", "192.168.0.3", "--yes");

        Assert.Equal(ExitCodes.PreconditionFailed, run.ExitCode);
        Assert.Contains("(GAUSS-50105)", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_a_standby_it_refuses_and_names_the_primary()
    {
        var run = await Drop(Services("node2_hostname", "omm"), "-X", Sample, "-h", "192.168.0.3", "--yes");

        Assert.Equal(ExitCodes.PreconditionFailed, run.ExitCode);
        Assert.Contains("the dropnode operation can only be executed at the primary node; node2_hostname is not the primary (GAUSS-35804)", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("hint: run it on the primary node1_hostname (192.168.0.1)", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_local_host_cannot_drop_itself()
    {
        var run = await Drop(Services("node1_hostname", "omm"), "-X", Sample, "-h", "192.168.0.1", "--yes");

        Assert.Equal(ExitCodes.PreconditionFailed, run.ExitCode);
        Assert.Contains("the IP of local host 192.168.0.1 is in the target node list; can not drop local host (GAUSS-35803)", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task From_a_control_host_the_primary_cannot_be_a_target()
    {
        var run = await Drop(Services(), "-X", Sample, "-h", "192.168.0.2,192.168.0.1", "--yes");

        Assert.Equal(ExitCodes.PreconditionFailed, run.ExitCode);
        Assert.Contains("192.168.0.1 is the primary node1_hostname; it cannot be dropped (GAUSS-35803)", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_user_than_the_cluster_user_on_a_node_is_refused()
    {
        var run = await Drop(Services("node1_hostname", "alice"), "-X", Sample, "-h", "192.168.0.3", "--yes");

        Assert.Equal(ExitCodes.PreconditionFailed, run.ExitCode);
        Assert.Contains("on a cluster node dropnode runs as the cluster user omm, not as alice (GAUSS-50324)", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_postgresql_engine_needs_an_xml()
    {
        var run = await Drop(Services("node1_hostname", "omm"), "-h", "192.168.0.3", "--yes", "--engine", "postgresql");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("the PostgreSQL engine needs the cluster XML (-X)", run.Stderr, StringComparison.Ordinal);
    }

    private CliServices Services(string host = "control-host", string user = "root", bool root = true) => CliServices.CreateDefault() with
    {
        HostName = host,
        UserName = user,
        IsRoot = root && user == "root",
        StateDirectory = _state,
        ReadAnswer = null,
        Environment = _ => null,
        ShellFactories = (_, _) => (new NoConnections(), new NoConnections()),
    };

    private static Task<CliRun> Drop(CliServices services, params string[] args) =>
        CliHarness.RunAsync(services, ["dropnode", "-U", "omm", "-G", "dbgrp", .. args]);

    private sealed class NoConnections : IRemoteShellFactory
    {
        public Task<IRemoteShell> OpenAsync(RemoteTarget target, CancellationToken cancellationToken) =>
            throw new Xunit.Sdk.XunitException($"a refusal before any connection opened a shell to {target.Host}");

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
