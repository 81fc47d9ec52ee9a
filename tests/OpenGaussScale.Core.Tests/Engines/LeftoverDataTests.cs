using System.Diagnostics;
using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Engines;
using OpenGaussScale.Core.Engines.PostgreSql.Actions;
using OpenGaussScale.Core.Tests.Fakes;

namespace OpenGaussScale.Core.Tests.Engines;

/// <summary>
/// The scripts about what an interrupted run left in a data directory, run for real by /bin/sh on this machine: a
/// "copy" still writing into the directory is stopped, one working in another directory is not, and the directory is
/// emptied; a copy counts as finished only when nothing copies into it any more and its listen line is there.
/// (Linux with procps, as on every node and in CI.)
/// </summary>
public sealed class LeftoverDataTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ogscale-leftover-").FullName;
    private readonly List<Process> _started = [];

    public void Dispose()
    {
        foreach (var process in _started)
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            process.Dispose();
        }

        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task A_copy_still_writing_into_the_directory_is_stopped_before_the_directory_is_emptied()
    {
        var data = Directory.CreateDirectory(Path.Combine(_root, "dn")).FullName;
        var other = Directory.CreateDirectory(Path.Combine(_root, "dn2")).FullName;
        await File.WriteAllTextAsync(Path.Combine(data, "PG_VERSION"), "15\n");
        Directory.CreateDirectory(Path.Combine(data, "base"));
        // A program named pg_basebackup (bash under that name) that works until it is told to stop.
        var copyTool = Path.Combine(_root, "pg_basebackup");
        File.CreateSymbolicLink(copyTool, "/bin/bash");
        var leftover = Start(copyTool, "-c", "trap exit TERM; while :; do sleep 0.1; done", "-D", data);
        var bystander = Start(copyTool, "-c", "trap exit TERM; while :; do sleep 0.1; done", "-D", other);

        var clear = LeftoverData.Clear(Node(data), "omm", "~/.bashrc").Command;
        var result = await RunAsync(clear.Argv);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains($"stopping what the interrupted run left running in {data}: {leftover.Id}", result.Stderr, StringComparison.Ordinal);
        await leftover.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
        Assert.False(bystander.HasExited);
        Assert.Empty(Directory.EnumerateFileSystemEntries(data));
    }

    [Fact]
    public async Task Nothing_running_in_it_means_it_is_only_emptied()
    {
        var data = Directory.CreateDirectory(Path.Combine(_root, "dn")).FullName;
        await File.WriteAllTextAsync(Path.Combine(data, "PG_VERSION"), "15\n");

        var clear = LeftoverData.Clear(Node(data), "omm", "~/.bashrc").Command;
        var result = await RunAsync(clear.Argv);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("", result.Stderr);
        Assert.Empty(Directory.EnumerateFileSystemEntries(data));
    }

    [Fact]
    public async Task A_copy_is_finished_only_when_nothing_copies_into_it_and_its_listen_line_is_there()
    {
        const string listen = "listen_addresses = '127.0.0.12'";
        var data = Directory.CreateDirectory(Path.Combine(_root, "dn")).FullName;
        var other = Directory.CreateDirectory(Path.Combine(_root, "dn2")).FullName;
        await File.WriteAllTextAsync(Path.Combine(data, "PG_VERSION"), "15\n");
        await File.WriteAllTextAsync(Path.Combine(data, "standby.signal"), "");
        await File.WriteAllTextAsync(Path.Combine(data, "postgresql.auto.conf"), "primary_conninfo = 'host=127.0.0.11'\n");
        async Task<bool> Finished(string? line) =>
            (await RunAsync(BaseBackupAction.CopyFinished(Node(data), "omm", "~/.bashrc", line).Command.Argv)).ExitCode == 0;

        Assert.True(await Finished(null));
        Assert.False(await Finished(listen));
        await File.AppendAllTextAsync(Path.Combine(data, "postgresql.auto.conf"), listen + "\n");
        Assert.True(await Finished(listen));

        var copyTool = Path.Combine(_root, "pg_basebackup");
        File.CreateSymbolicLink(copyTool, "/bin/bash");
        var bystander = Start(copyTool, "-c", "trap exit TERM; while :; do sleep 0.1; done", "-D", other);
        Assert.True(await Finished(listen));
        var copy = Start(copyTool, "-c", "trap exit TERM; while :; do sleep 0.1; done", "-D", data);
        Assert.False(await Finished(listen));
        copy.Kill();
        await copy.WaitForExitAsync();
        Assert.True(await Finished(listen));
        Assert.False(bystander.HasExited);
    }

    [RootFact]
    public async Task A_process_that_names_the_same_path_but_sees_another_directory_is_left_alone()
    {
        // The playground's hosts share one process table, each in its own mount namespace where every data directory
        // has the same path: a copy into "the same" directory on another host writes somewhere else.
        var data = Directory.CreateDirectory(Path.Combine(_root, "dn")).FullName;
        var elsewhere = Directory.CreateDirectory(Path.Combine(_root, "other-host-dn")).FullName;
        await File.WriteAllTextAsync(Path.Combine(data, "PG_VERSION"), "15\n");
        await File.WriteAllTextAsync(Path.Combine(data, "standby.signal"), "");
        var copyTool = Path.Combine(_root, "pg_basebackup");
        File.CreateSymbolicLink(copyTool, "/bin/bash");
        var ready = Path.Combine(elsewhere, "mounted");
        var otherHost = Start(
            "unshare", "--mount", "--propagation", "private", "sh", "-c",
            "mount --bind \"$1\" \"$2\" && touch \"$2/mounted\" && exec \"$3\" -c 'trap exit TERM; while :; do sleep 0.1; done' -D \"$2\"",
            "other-host", elsewhere, data, copyTool);
        Assert.True(await Eventually(() => File.Exists(ready)), "the other host's copy never started");

        Assert.Equal(0, (await RunAsync(BaseBackupAction.CopyFinished(Node(data), "omm", "~/.bashrc", null).Command.Argv)).ExitCode);
        var clear = await RunAsync(LeftoverData.Clear(Node(data), "omm", "~/.bashrc").Command.Argv);

        Assert.True(clear.ExitCode == 0, clear.Stderr);
        Assert.Equal("", clear.Stderr);
        Assert.False(otherHost.HasExited);
        Assert.Empty(Directory.EnumerateFileSystemEntries(data));
    }

    [Theory]
    [InlineData(false, 3)]
    [InlineData(true, 0)]
    public async Task Preparing_a_full_data_directory_is_refused_unless_the_run_itself_filled_it(bool own, int exitCode)
    {
        var data = Directory.CreateDirectory(Path.Combine(_root, "dn")).FullName;
        await File.WriteAllTextAsync(Path.Combine(data, "PG_VERSION"), "15\n");
        var user = Environment.UserName;

        var prepare = new PrepareDataDirectoryAction(Node(data), user, user, Path.Combine(_root, "log"), own).Describe()[0].Command;
        var result = await RunAsync(prepare.Argv);

        Assert.True(result.ExitCode == exitCode, result.Stderr);
        Assert.True(File.Exists(Path.Combine(data, "PG_VERSION")));
    }

    // Polls with a doubling delay up to a deadline (the process under test starts asynchronously).
    private static async Task<bool> Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        for (var delay = 10; !condition(); delay = Math.Min(delay * 2, 500))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(delay);
        }

        return true;
    }

    private static NodeConfig Node(string dataDirectory) => TestContexts.Cluster("127.0.0.11", "127.0.0.12").Nodes[1] with { DataDir = dataDirectory };

    private Process Start(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardInput = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        _started.Add(process);
        return process;
    }

    private static async Task<(int ExitCode, string Stderr)> RunAsync(IReadOnlyList<string> argv)
    {
        var info = new ProcessStartInfo(argv[0]) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in argv.Skip(1))
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return (process.ExitCode, (await stderr).Trim());
    }
}
