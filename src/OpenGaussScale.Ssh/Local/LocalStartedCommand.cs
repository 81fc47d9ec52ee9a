using OpenGaussScale.Core.Remote;
using OpenGaussScale.Ssh.Execution;
using System.ComponentModel;
using System.Diagnostics;

namespace OpenGaussScale.Ssh.Local;

/// <summary>A wrapped command running as a local child process.</summary>
internal sealed class LocalStartedCommand : IStartedCommand
{
    private readonly Process _process;

    private LocalStartedCommand(Process process)
    {
        _process = process;
    }

    public Stream StandardOutput => _process.StandardOutput.BaseStream;

    public Stream StandardError => _process.StandardError.BaseStream;

    /// <summary>Starts argv directly (no shell in between).</summary>
    public static IStartedCommand Start(RemoteTarget target, IReadOnlyList<string> argv)
    {
        var info = new ProcessStartInfo(argv[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in argv.Skip(1))
        {
            info.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"{argv[0]} did not start");
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException)
        {
            throw new RemoteException(
                RemoteFailureKind.CommandFailed,
                target,
                $"{target.Host}: cannot start {argv[0]} on this host: {ex.Message.TrimEnd('.')}",
                $"install util-linux (setsid, runuser) on {target.Host}",
                ex);
        }

        return new LocalStartedCommand(process);
    }

    // A program that exits without reading all of its input is no failure here: its exit code tells the rest.
    public Task WriteInputAsync(string? standardInput, CancellationToken cancellationToken) =>
        ChildInput.WriteAndCloseAsync(_process, standardInput, cancellationToken);

    public async Task<int> WaitForExitCodeAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return _process.ExitCode;
    }

    public ValueTask DisposeAsync()
    {
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
