using OpenGaussScale.Core.Remote;

namespace OpenGaussScale.E2E.Tests.Support;

/// <summary>The OpenSSH client with the playground's ssh_config, as a user on the control machine runs it.</summary>
public static class HostSsh
{
    /// <param name="dir">the playground's DIR.</param>
    /// <param name="target">user@host, e.g. root@ognode2.</param>
    /// <param name="argv">the remote command (quoted for the remote shell by ShellQuote).</param>
    public static Task<ProcessResult> RunAsync(string dir, string target, TimeSpan timeout, params string[] argv) =>
        ProcessRun.RunAsync("ssh", ["-F", Path.Combine(dir, "ssh_config"), target, "--", ShellQuote.Join(argv)], timeout);

    public static Task<ProcessResult> RunAsync(string dir, string target, params string[] argv) => RunAsync(dir, target, TimeSpan.FromMinutes(1), argv);

    /// <summary>The argv run after `source ~/.bashrc` (a constant script; the argv reaches it as positional parameters).</summary>
    public static string[] WithEnvironment(params string[] argv) => ["bash", "-c", "source ~/.bashrc && exec \"$@\"", "bash", .. argv];

    /// <summary>Runs and asserts exit 0; returns stdout trimmed.</summary>
    public static async Task<string> OkAsync(string dir, string target, params string[] argv)
    {
        var result = await RunAsync(dir, target, argv);
        Assert.True(result.ExitCode == 0, $"ssh {target} {ShellQuote.Join(argv)}: {result}");
        return result.Stdout.Trim();
    }
}
