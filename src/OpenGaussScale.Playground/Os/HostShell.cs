using OpenGaussScale.Core.Errors;
using OpenGaussScale.Core.Remote;
using OpenGaussScale.Playground.Hosts;

namespace OpenGaussScale.Playground.Os;

/// <summary>
/// Acts inside a host the way a user would: the OpenSSH client with DIR/ssh_config, so the command runs in that
/// host's namespaces and cgroup, as the given user. The command is an argv, quoted by <see cref="ShellQuote"/>.
/// </summary>
public sealed class HostShell(PlaygroundLayout layout)
{
    public const string Ssh = "/usr/bin/ssh";
    public const string Scp = "/usr/bin/scp";

    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    public PlaygroundLayout Layout { get; } = layout;

    public Task<CommandResult> RunAsync(PlaygroundHost host, string user, IReadOnlyList<string> argv, TimeSpan? timeout = null, string? standardInput = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        return ProcessRunner.RunAsync(
            [Ssh, "-F", Layout.SshConfig, "-o", "ConnectTimeout=10", $"{user}@{host.Name}", "--", ShellQuote.Join(argv)],
            timeout ?? DefaultTimeout,
            standardInput,
            cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Runs the argv as the user after sourcing the user's ~/.bashrc, the way openGauss's tools run their commands
    /// (`source ENVFILE &amp;&amp; ...`). The shell script is constant; the argv reaches it as positional parameters.
    /// </summary>
    public static IReadOnlyList<string> WithEnvironment(IReadOnlyList<string> argv) =>
        ["bash", "-c", "source ~/.bashrc && exec \"$@\"", "bash", .. argv];

    /// <summary>Copies local files into a directory of the host with scp (as the user), the way a DBA sends a package.</summary>
    public async Task CopyAsync(PlaygroundHost host, string user, IReadOnlyList<string> files, string remoteDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(files);
        var result = await ProcessRunner.RunAsync(
            [Scp, "-F", Layout.SshConfig, "-q", "-p", .. files, $"{user}@{host.Name}:{remoteDirectory}"],
            TimeSpan.FromMinutes(5),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new OgscaleException(
                $"{host.Name}: scp of {string.Join(' ', files.Select(Path.GetFileName))} to {remoteDirectory} as {user} failed (exit {result.ExitCode}): {result.Tail()}",
                $"check `ogscale-playground status --dir {Layout.Dir}`");
        }
    }

    /// <summary>Runs and throws an error naming the host, the user and the command when it fails.</summary>
    public async Task<CommandResult> RunCheckedAsync(PlaygroundHost host, string user, IReadOnlyList<string> argv, TimeSpan? timeout = null, string? standardInput = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        var result = await RunAsync(host, user, argv, timeout, standardInput, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new OgscaleException(
                $"{host.Name}: `{ShellQuote.Join(argv)}` as {user} failed (exit {result.ExitCode}): {result.Tail()}",
                result.ExitCode == 255 ? $"ssh to {host.Name} failed; check `ogscale-playground status --dir {Layout.Dir}`" : null);
        }

        return result;
    }
}
