using OpenGaussScale.Kit.Cli;
using OpenGaussScale.Kit.Processes;

namespace OpenGaussScale.Kit.Remote;

/// <summary>
/// Runs kit commands on another host of the cluster with OpenSSH as the current user, the way openGauss's OM tools use
/// their SSH trust: key authentication only (BatchMode), host keys checked against known_hosts (StrictHostKeyChecking).
/// </summary>
public sealed class RemoteHost
{
    private static readonly string[] SshOptions = ["-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes", "-o", "ConnectTimeout=10"];
    private readonly string _address;
    private readonly string _environmentFile;

    public RemoteHost(string address, string environmentFile)
    {
        _address = address;
        _environmentFile = environmentFile;
    }

    /// <summary>The env file OM commands source first: $MPPDB_ENV_SEPARATE_PATH, else ~/.bashrc (reference, introduction).</summary>
    public static string EnvironmentFileFor(ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Env("MPPDB_ENV_SEPARATE_PATH") ?? "~/.bashrc";
    }

    /// <summary>The shell text run remotely: source the env file, then the argv, each word quoted.</summary>
    public string CommandText(IReadOnlyList<string> argv)
    {
        var source = _environmentFile.StartsWith("~/", StringComparison.Ordinal)
            ? "source ~/" + ShellQuote.Quote(_environmentFile[2..])
            : "source " + ShellQuote.Quote(_environmentFile);
        return source + " && " + ShellQuote.Join(argv);
    }

    public IReadOnlyList<string> SshArguments(IReadOnlyList<string> argv) => [.. SshOptions, _address, "--", CommandText(argv)];

    public ProcessResult Run(IReadOnlyList<string> argv) =>
        ProcessRunner.Run("ssh", SshArguments(argv), timeout: TimeSpan.FromMinutes(10));

    public IReadOnlyList<string> ScpArguments(string localFile, string remotePath) =>
        [.. SshOptions, "-q", localFile, _address + ":" + remotePath];

    public ProcessResult Copy(string localFile, string remotePath) =>
        ProcessRunner.Run("scp", ScpArguments(localFile, remotePath), timeout: TimeSpan.FromMinutes(10));
}
