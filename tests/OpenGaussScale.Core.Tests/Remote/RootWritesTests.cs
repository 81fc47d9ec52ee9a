using OpenGaussScale.Core.Errors;
using OpenGaussScale.Core.Operations;
using OpenGaussScale.Core.Remote;
using OpenGaussScale.Core.Tests.Fakes;
using Serilog.Core;

namespace OpenGaussScale.Core.Tests.Remote;

/// <summary>
/// Where root writes and what it runs on a node, against a real shell and file system: the whole-file write never
/// goes through a name someone planted, a package directory someone else can write is never used, and the cluster
/// lock never goes in a directory anyone can write.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RootWritesTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("ogscale-rootwrites-");
    private readonly ProcessShell _shell = new(user: Environment.UserName);

    public void Dispose() => _dir.Delete(recursive: true);

    private string PathOf(string name) => Path.Combine(_dir.FullName, name);

    [Fact]
    public async Task The_whole_file_write_never_writes_through_the_old_temporary_name()
    {
        // Today's predictable name, planted as a link to a file the writer must not touch.
        var target = PathOf("ogscale-node2.xml");
        var canary = PathOf("canary");
        await File.WriteAllTextAsync(canary, "canary");
        File.CreateSymbolicLink(target + ".ogscale-tmp", canary);

        await _shell.RunCheckedAsync(new RemoteCommand(["sh", "-c", AtomicWrite.Script, "ogscale-xml", target]) { StandardInput = "<ROOT/>\n" }, CancellationToken.None);

        Assert.Equal("canary", await File.ReadAllTextAsync(canary));
        Assert.Equal("<ROOT/>\n", await File.ReadAllTextAsync(target));
        Assert.Equal((UnixFileMode)0x1A4, File.GetUnixFileMode(target)); // 0644
        Assert.Equal(["canary", "ogscale-node2.xml", "ogscale-node2.xml.ogscale-tmp"], Directory.GetFileSystemEntries(_dir.FullName).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_failed_whole_file_write_leaves_no_temporary_file()
    {
        // A directory where the file should be: the rename fails (it never moves the file into it).
        var target = Directory.CreateDirectory(PathOf("ogscale-node2.xml")).FullName;

        var failed = await _shell.RunAsync(new RemoteCommand(["sh", "-c", AtomicWrite.Script, "ogscale-xml", target]) { StandardInput = "<ROOT/>\n" }, CancellationToken.None);

        Assert.False(failed.Succeeded);
        Assert.Equal(["ogscale-node2.xml"], Directory.GetFileSystemEntries(_dir.FullName).Select(Path.GetFileName));
        Assert.Empty(Directory.GetFileSystemEntries(target));
    }

    [Fact]
    public async Task A_package_directory_others_can_write_or_holding_what_root_does_not_own_is_never_run_from()
    {
        var package = Directory.CreateDirectory(PathOf("package"));
        Directory.CreateDirectory(Path.Combine(package.FullName, "script"));
        var me = System.Environment.UserName;

        // Root's view is what counts: run as root, a tree of root's own files is fine.
        var clean = await SafePath.WhyRootMustNotRunFromAsync(_shell, package.FullName, CancellationToken.None);
        Assert.Equal(me == "root" ? null : $"{package.FullName} belongs to {me}, not to root", clean);

        File.SetUnixFileMode(package.FullName, (UnixFileMode)0x1FF); // 0777
        Assert.Equal(
            me == "root" ? $"{package.FullName} can be written by others than root (mode 777)" : $"{package.FullName} belongs to {me}, not to root",
            await SafePath.WhyRootMustNotRunFromAsync(_shell, package.FullName, CancellationToken.None));
    }

    [RootFact]
    public async Task A_file_someone_else_put_in_roots_package_directory_stops_root_from_running_it()
    {
        var package = Directory.CreateDirectory(PathOf("package"));
        var script = Path.Combine(Directory.CreateDirectory(Path.Combine(package.FullName, "script")).FullName, "gs_preinstall");
        await File.WriteAllTextAsync(script, "#!/bin/sh\n");
        await _shell.RunCheckedAsync(RemoteCommand.Of("chown", "nobody", "--", script), CancellationToken.None);

        Assert.Equal($"{script} (under {package.FullName}) is not root's alone", await SafePath.WhyRootMustNotRunFromAsync(_shell, package.FullName, CancellationToken.None));
    }

    [RootFact]
    public async Task Files_root_writes_and_renames_in_the_package_directory_during_the_check_do_not_fail_it()
    {
        // On hosts that share one file system (the playground; an NFS package directory) one host's preinstall writes
        // its XML through a temporary name while another host's check walks the same directory: find stats a name it
        // read a moment before and finds it gone. A vanished file is no danger; only what is there counts.
        var package = Directory.CreateDirectory(PathOf("package"));
        for (var i = 0; i < 200; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(package.FullName, $"f{i:D3}"), "x");
        }

        var churn = _shell.RunAsync(new RemoteCommand(["sh", "-c", "cd \"$1\" && while [ ! -e stop ]; do for i in 1 2 3 4 5 6 7 8 9; do : > t$i; mv -f t$i x$i; rm -f x$i; done; done", "churn", package.FullName]), CancellationToken.None);
        try
        {
            for (var run = 0; run < 300; run++)
            {
                var tree = await _shell.RunAsync(new RemoteCommand(["sh", "-c", SafePath.TreeScript, "ogscale-safe-tree", package.FullName]), CancellationToken.None);
                Assert.True(tree.Succeeded, $"run {run}: {tree.StandardError}");
                Assert.Equal("", tree.StandardOutput);
            }
        }
        finally
        {
            await File.WriteAllTextAsync(Path.Combine(package.FullName, "stop"), "");
            await churn;
        }
    }

    [Fact]
    public async Task The_cluster_lock_is_never_taken_in_a_directory_anyone_can_write()
    {
        // tmpMppdbPath=/tmp, as a sample would have it: a directory of another owner, or one anybody can write.
        var shared = Directory.CreateDirectory(PathOf("tmp"));
        File.SetUnixFileMode(shared.FullName, (UnixFileMode)0x3FF); // 1777

        var refused = await Assert.ThrowsAsync<OgscaleException>(() => OperationRun.EnsureNotLockedAsync(OperationEnv(), _shell, $"{shared.FullName}/ogscale.lock", CancellationToken.None));

        Assert.Equal(ExitCodes.PreconditionFailed, refused.ExitCode);
        Assert.Equal(
            $"127.0.0.1: the cluster lock and journal go in {shared.FullName}, but {shared.FullName} can be written by others than {System.Environment.UserName} (mode 1777); any local user could replace them there, so nothing was changed",
            refused.Message);
        Assert.False(File.Exists($"{shared.FullName}/ogscale.lock"));

        // The user's own 0700 directory is fine, and so is one not made yet under the user's own.
        File.SetUnixFileMode(shared.FullName, (UnixFileMode)0x1C0);
        await OperationRun.EnsureNotLockedAsync(OperationEnv(), _shell, $"{shared.FullName}/ogscale.lock", CancellationToken.None);
        await OperationRun.EnsureNotLockedAsync(OperationEnv(), _shell, $"{shared.FullName}/.ogscale/ogscale.lock", CancellationToken.None);
    }

    private static OperationEnvironment OperationEnv() => new()
    {
        Shells = new NoShellsAtAll(),
        Clock = TimeProvider.System,
        Log = Logger.None,
        HostName = "ctl",
        RunningUser = System.Environment.UserName,
        RunningAsRoot = false,
        ProcessId = 4242,
        LocalJournalDirectory = "/nonexistent",
        IsLockOwnerAlive = _ => Task.FromResult(true),
    };

    private sealed class NoShellsAtAll : OpenGaussScale.Core.Remote.INodeShells
    {
        public Task<IRemoteShell> OpenAsync(OpenGaussScale.Core.Config.NodeConfig node, string user, CancellationToken cancellationToken) => throw new InvalidOperationException("no shell here");
    }
}
