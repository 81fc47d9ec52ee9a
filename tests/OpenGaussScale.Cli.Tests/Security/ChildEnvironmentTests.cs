using OpenGaussScale.Ssh.Local;
using System.Runtime.Versioning;

namespace OpenGaussScale.Cli.Tests.Security;

/// <summary>
/// What a command ogscale runs on this host inherits from it (issue 14 item 4): ogscale run as root on the primary,
/// its commands there run as the cluster user through runuser, and that user must learn nothing of root's
/// environment — above all not the key passphrase — nor be able to put its own runuser in root's way.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ChildEnvironmentTests
{
    // What the commands may see: the allow-list, what runuser sets (SHELL), and what the shells add themselves.
    private static readonly string[] Allowed = ["PATH", "LANG", "HOME", "USER", "LOGNAME", "TZ", "SHELL", "PWD", "OLDPWD", "SHLVL", "_"];

    [RootFact]
    public async Task A_command_on_this_host_sees_neither_the_passphrase_nor_roots_environment_only_the_allow_listed_variables()
    {
        using var child = new OgscaleChild();
        var passphrase = $"passphrase-{Guid.NewGuid():N}";
        var password = $"pgpassword-{Guid.NewGuid():N}";

        var run = await child.RunAsync(child.Expand, "022", child.Dir, new Dictionary<string, string>
        {
            ["OGSCALE_SSH_PASSPHRASE"] = passphrase,
            ["PGPASSWORD"] = password,
            ["LD_LIBRARY_PATH"] = child.Dir,
            ["LC_ALL"] = "de_DE.UTF-8",
            ["TERM"] = "xterm-256color",
            ["TZ"] = "Asia/Shanghai",
            ["PATH"] = $"{child.Dir}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        });

        var seen = Path.Combine(child.Out, "env");
        Assert.True(File.Exists(seen), $"the environment file was never sourced on this host\n{run}");
        var text = await File.ReadAllTextAsync(seen);
        Assert.DoesNotContain(passphrase, text, StringComparison.Ordinal);
        Assert.DoesNotContain(password, text, StringComparison.Ordinal);
        var variables = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p.ElementAtOrDefault(1) ?? "", StringComparer.Ordinal);
        Assert.Empty(variables.Keys.Except(Allowed, StringComparer.Ordinal));
        Assert.Equal(ChildEnvironment.SafePath, variables["PATH"]);
        Assert.Equal("C", variables["LANG"]);
        Assert.Equal("nobody", variables["USER"]);
        Assert.Equal("nobody", variables["LOGNAME"]);
        Assert.Equal("/nonexistent", variables["HOME"]);
        Assert.Equal("Asia/Shanghai", variables["TZ"]);
    }

    [RootFact]
    public async Task A_runuser_planted_in_the_current_directory_or_on_roots_path_is_never_run()
    {
        using var child = new OgscaleChild();
        var planted = Path.Combine(child.Dir, "planted");
        Directory.CreateDirectory(planted);
        var fake = Path.Combine(planted, "runuser");
        await File.WriteAllTextAsync(fake, $"#!/bin/sh\ntouch {child.Out}/planted-runuser-ran\nexit 1\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        // Root started ogscale from a directory the cluster user can write to, with that directory first on PATH.
        var run = await child.RunAsync(child.Expand, "022", planted, new Dictionary<string, string>
        {
            ["PATH"] = $"{planted}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        });

        Assert.False(File.Exists(Path.Combine(child.Out, "planted-runuser-ran")), $"ogscale ran {fake} as root\n{run}");
        Assert.True(File.Exists(Path.Combine(child.Out, "env")), $"the command did not run as nobody through the system's runuser\n{run}");
    }
}
