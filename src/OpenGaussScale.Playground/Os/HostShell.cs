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

    /// <summary>Runs and throws an error naming the host, the user and the command when it fails.</summary>
    public async Task<CommandResult> RunCheckedAsync(PlaygroundHost host, string user, IReadOnlyList<string> argv, TimeSpan? timeout = null, string? standardInput = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        var result = await RunAsync(host, user, argv, timeout, standardInput, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new OgscaleException(
                $"{host.Name}: `{ShellQuote.Join(argv)}` as {user} failed (exit {result.ExitCode}): {result.Tail()}",
                result.ExitCode == 255 ? $"ssh to {host.Name} failed; check `ogscale playground status --dir {Layout.Dir}`" : null);
        }

        return result;
    }
}
