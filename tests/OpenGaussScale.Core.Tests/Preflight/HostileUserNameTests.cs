using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Preflight;
using OpenGaussScale.Core.Remote;
using OpenGaussScale.Core.Tests.Fakes;
using System.Diagnostics;

namespace OpenGaussScale.Core.Tests.Preflight;

/// <summary>
/// The CLI refuses a -U or -G that starts with '-' (PosixName), and the commands built from them keep such a value an
/// argument anyway (issue 14, item 9): the commands HostChecks builds are taken as built and run with this machine's
/// shell, id, getent and ssh. The cluster is on loopback and no sshd listens on its port, so nothing is contacted.
/// </summary>
public sealed class HostileUserNameTests : IDisposable
{
    private static readonly ClusterConfig Cluster = TestContexts.Cluster("127.0.0.1", "127.0.0.2", "127.0.0.3");
    private readonly string _dir = Directory.CreateTempSubdirectory("ogscale-hostile-user-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_user_that_reads_as_an_ssh_option_never_runs_a_command_in_the_trust_check()
    {
        var marker = Path.Combine(_dir, "injected");
        var trust = (await BuiltCommands($"-oProxyCommand=touch {marker}", "dbgrp"))
            .First(c => c.User != "root" && c.Command.Argv is [_, _, _, "ogscale-trust", ..]);

        var run = await RunHere(trust.Command.Argv);

        Assert.True(Directory.GetFileSystemEntries(_dir).Length == 0, $"ssh ran the user name as -oProxyCommand:\n{run}");
        Assert.Contains(" 255 ", run, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_and_a_group_that_read_as_options_are_looked_up_as_names()
    {
        // Without `--`, id takes -a as an option and answers for the current user, getent prints its help: both "exist".
        var facts = (await BuiltCommands("-a", "--help")).First(c => c.Command.Argv is [_, _, _, "ogscale-facts", ..]);

        var output = await RunHere(facts.Command.Argv);

        Assert.Contains("user=no", output, StringComparison.Ordinal);
        Assert.Contains("group=no", output, StringComparison.Ordinal);
    }

    // Every command HostChecks issues for this user and group, answered as a healthy cluster would answer them.
    private static async Task<List<(string Host, string User, RemoteCommand Command)>> BuiltCommands(string user, string group)
    {
        var shells = new ScriptedShells((_, _, argv) => argv is [_, _, _, "ogscale-trust", ..]
            ? ScriptedShells.Ok(string.Concat(argv.Skip(4).Select(t => $"{t} 0 \n")))
            : ScriptedShells.Ok());
        await new HostChecks(Cluster, new HashSet<string> { "127.0.0.3" }, shells, user, group).RunAsync(true, "ctl", CancellationToken.None);
        return shells.Log;
    }

    // The argv as the node would run it (no shell in between), its stdout and stderr together.
    private static async Task<string> RunHere(IReadOnlyList<string> argv)
    {
        var info = new ProcessStartInfo(argv[0]) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var arg in argv.Skip(1))
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return await stdout + await stderr;
    }
}
