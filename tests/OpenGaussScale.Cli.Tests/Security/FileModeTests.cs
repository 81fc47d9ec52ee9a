using System.Runtime.Versioning;

namespace OpenGaussScale.Cli.Tests.Security;

/// <summary>
/// Modes of what ogscale writes on the control host (issue 14 item 10): its log is 0600 in 0700 directories whatever
/// umask root started it with, while the commands it runs on this host keep that umask, as over SSH.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class FileModeTests
{
    private const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Mode0700 = Mode0600 | UnixFileMode.UserExecute;

    [RootFact]
    public async Task Under_umask_000_the_log_and_its_directories_are_private_and_commands_on_this_host_keep_umask_000()
    {
        using var child = new OgscaleChild();

        var run = await child.RunAsync(child.Expand, "000", child.Dir, new Dictionary<string, string>());

        var state = Path.Combine(child.Home, ".ogscale");
        var files = Directory.Exists(state) ? Directory.GetFiles(state, "*", SearchOption.AllDirectories) : [];
        Assert.True(files.Length > 0, $"ogscale wrote no log under {state}\n{run}");
        Assert.All(files, f => Assert.Equal(Mode0600, File.GetUnixFileMode(f)));
        Assert.All(Directory.GetDirectories(state, "*", SearchOption.AllDirectories).Append(state), d => Assert.Equal(Mode0700, File.GetUnixFileMode(d)));
        var umask = Path.Combine(child.Out, "umask");
        Assert.True(File.Exists(umask), $"the environment file was never sourced on this host\n{run}");
        Assert.Equal("0000", (await File.ReadAllTextAsync(umask)).Trim());
    }
}
