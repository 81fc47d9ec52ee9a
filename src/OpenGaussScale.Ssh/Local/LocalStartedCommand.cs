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

    /// <summary>
    /// Starts argv directly (no shell in between): the program from <see cref="ChildEnvironment.SafePath"/>, with the
    /// allow-listed environment and the umask ogscale was started with (<see cref="ProcessUmask"/>).
    /// </summary>
    public static IStartedCommand Start(RemoteTarget target, IReadOnlyList<string> argv)
    {
        var program = ChildEnvironment.Resolve(argv[0])
            ?? throw CannotStart(target, argv[0], $"it is in none of {ChildEnvironment.SafePath}", null);
        IReadOnlyList<string> command = ProcessUmask.ForChildren is { } umask
            ? ["/bin/sh", "-c", "umask \"$1\" && shift && exec \"$@\"", "ogscale-umask", umask, program, .. argv.Skip(1)]
            : [program, .. argv.Skip(1)];
        var info = new ProcessStartInfo(command[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Skip(1))
        {
            info.ArgumentList.Add(argument);
        }

        ChildEnvironment.Apply(info);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"{argv[0]} did not start");
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException)
        {
            throw CannotStart(target, argv[0], ex.Message.TrimEnd('.'), ex);
        }

        return new LocalStartedCommand(process);
    }

    private static RemoteException CannotStart(RemoteTarget target, string program, string reason, Exception? cause) =>
        new(
            RemoteFailureKind.CommandFailed,
            target,
            $"{target.Host}: cannot start {program} on this host: {reason}",
            $"install util-linux (setsid, runuser) on {target.Host}",
            cause);

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
