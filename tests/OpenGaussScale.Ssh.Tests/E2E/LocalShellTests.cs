using OpenGaussScale.Core.Remote;
using OpenGaussScale.Ssh.Local;
using System.Diagnostics.CodeAnalysis;

namespace OpenGaussScale.Ssh.Tests.E2E;

/// <summary>The shell behaviours for "this host" (local processes, as the running user).</summary>
[SuppressMessage("Reliability", "CA1001", Justification = "the factory is disposed in IAsyncLifetime.DisposeAsync")]
public sealed class LocalShellTests : ShellBehaviourTests
{
    private readonly LocalRemoteShellFactory _factory = new(TimeSpan.FromMinutes(1));

    [E2EFact]
    public async Task Commands_for_another_user_run_through_runuser_with_that_users_home()
    {
        await using var shell = await _factory.OpenAsync(new RemoteTarget("127.0.0.1", 22, "nobody"), CancellationToken.None);

        var result = await shell.RunAsync(RemoteCommand.Of("sh", "-c", "id -un; printf '%s\\n' \"$HOME\""), CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("nobody\n" + Tools.Run("sh", "-c", "getent passwd nobody | cut -d: -f6"), result.StandardOutput);
    }

    [E2EFact]
    public async Task Cancelling_a_command_of_another_user_stops_its_process_group()
    {
        await using var shell = await _factory.OpenAsync(new RemoteTarget("127.0.0.1", 22, "nobody"), CancellationToken.None);
        var sleep = Tools.UniqueSleep();
        using var cancel = new CancellationTokenSource();
        var running = shell.RunAsync(RemoteCommand.Of("sh", "-c", $"sleep {sleep}; true"), cancel.Token);
        try
        {
            Assert.True(await Tools.WaitUntilAsync(() => Tools.ProcessesWith(sleep).Count >= 2, TimeSpan.FromSeconds(10)), "the command never started");
            cancel.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
            Assert.True(await Tools.WaitUntilAsync(() => Tools.ProcessesWith(sleep).Count == 0, TimeSpan.FromSeconds(10)), "processes left behind");
        }
        finally
        {
            Tools.KillAll(sleep);
        }
    }

    [E2EFact]
    public async Task A_local_command_gets_only_the_allow_listed_environment_never_the_passphrase()
    {
        var passphrase = $"passphrase-{Guid.NewGuid():N}";
        var password = $"pgpassword-{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(SshPassphrase.Variable, passphrase);
        Environment.SetEnvironmentVariable("PGPASSWORD", password);
        try
        {
            foreach (var user in new[] { Environment.UserName, "nobody" })
            {
                await using var shell = await _factory.OpenAsync(new RemoteTarget("127.0.0.1", 22, user), CancellationToken.None);

                var result = await shell.RunAsync(RemoteCommand.Of("env"), CancellationToken.None);

                Assert.Equal(0, result.ExitCode);
                Assert.DoesNotContain(passphrase, result.StandardOutput, StringComparison.Ordinal);
                Assert.DoesNotContain(password, result.StandardOutput, StringComparison.Ordinal);
                var variables = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
                Assert.Empty(variables.Keys.Except(["PATH", "LANG", "HOME", "USER", "LOGNAME", "TZ", "SHELL", "PWD", "OLDPWD"], StringComparer.Ordinal));
                Assert.Equal(ChildEnvironment.SafePath, variables["PATH"]);
                Assert.Equal("C", variables["LANG"]);
                Assert.Equal(user, variables["USER"]);
                Assert.Equal(user, variables["LOGNAME"]);
                Assert.Equal(Tools.Run("sh", "-c", $"getent passwd {user} | cut -d: -f6").TrimEnd('\n'), variables["HOME"]);
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable(SshPassphrase.Variable, null);
            Environment.SetEnvironmentVariable("PGPASSWORD", null);
        }
    }

    protected override Task<IRemoteShell> OpenShellAsync() =>
        _factory.OpenAsync(new RemoteTarget("127.0.0.1", 22, Environment.UserName), CancellationToken.None);

    protected override Task DisposeTransportAsync() => _factory.DisposeAsync().AsTask();
}
