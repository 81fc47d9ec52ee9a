using OpenGaussScale.Core.Remote;
using System.Diagnostics;

namespace OpenGaussScale.Core.Tests.Fakes;

/// <summary>
/// A test IRemoteShell that runs the command text with this machine's /bin/sh, so scripts meet a real shell and file
/// system; with a launcher (e.g. runuser -u postgres -- env HOME=...) the shell runs under it.
/// </summary>
internal sealed class ProcessShell : IRemoteShell
{
    private readonly IReadOnlyList<string> _launcher;

    public ProcessShell(string host = "127.0.0.1", string user = "root", IReadOnlyList<string>? launcher = null)
    {
        Target = new RemoteTarget(host, 22, user);
        _launcher = launcher ?? [];
    }

    public RemoteTarget Target { get; }

    public bool IsLocal => true;

    public List<RemoteCommand> Commands { get; } = [];

    /// <summary>When set, every command fails as if the node were unreachable.</summary>
    public bool Unreachable { get; set; }

    public async Task<CommandResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken)
    {
        lock (Commands)
        {
            Commands.Add(command);
        }

        if (Unreachable)
        {
            throw new RemoteException(RemoteFailureKind.ConnectionRefused, Target, $"{Target.Host}: connection refused");
        }

        string[] argv = [.. _launcher, "/bin/sh", "-c", command.ToShellText()];
        var info = new ProcessStartInfo(argv[0]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in argv.Skip(1))
        {
            info.ArgumentList.Add(arg);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;

        // Read before writing (a script that prints more than a pipe holds before it reads would block both sides), and
        // a script that exits without reading its input must give its exit code, not a broken pipe.
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await ChildInput.WriteAndCloseAsync(process, command.StandardInput, cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return new CommandResult(process.ExitCode, await stdout, await stderr, clock.Elapsed);
    }

    public Task<UploadResult> UploadAsync(FileUpload upload, IProgress<TransferProgress>? progress, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("ProcessShell does not upload");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
