using OpenGaussScale.Ssh.Execution;
using Renci.SshNet;
using Renci.SshNet.Common;
using System.Net.Sockets;
using System.Text;

namespace OpenGaussScale.Ssh;

/// <summary>A wrapped command running on its own SSH channel.</summary>
internal sealed class SshStartedCommand : IStartedCommand
{
    private readonly SshCommand _command;
    private readonly Task _execution;

    private SshStartedCommand(SshCommand command, Task execution)
    {
        _command = command;
        _execution = execution;

        // If the channel fails (connection lost), end the output streams so the readers stop and the failure surfaces.
        _ = execution.ContinueWith(
            t =>
            {
                if (t.IsFaulted)
                {
                    command.OutputStream.Dispose();
                    command.ExtendedOutputStream.Dispose();
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    public Stream StandardOutput => _command.OutputStream;

    public Stream StandardError => _command.ExtendedOutputStream;

    /// <summary>Opens a channel and starts the command text.</summary>
    public static async Task<IStartedCommand> StartAsync(SshClient client, string commandText)
    {
        var command = client.CreateCommand(commandText);
        Task execution;
        try
        {
            // Our own token handling stops the process group; SSH.NET's cancellation would only send a signal
            // request that sshd applies to the session's first process.
            execution = command.ExecuteAsync(CancellationToken.None);
            if (execution.IsFaulted)
            {
                await execution.ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is SshConnectionException or SocketException or IOException or ObjectDisposedException)
        {
            // The channel could not be opened: the connection is gone and nothing ran on the node.
            command.Dispose();
            throw new NotStartedException(ex);
        }
        catch
        {
            command.Dispose();
            throw;
        }

        return new SshStartedCommand(command, execution);
    }

    public async Task WriteInputAsync(string? standardInput, CancellationToken cancellationToken)
    {
        // A command that exits without reading all of its input leaves SSH.NET's write waiting for channel window that
        // never comes, until its operation timeout (seconds per command). Once the command has finished, nothing
        // more needs to go: its exit code tells the rest, and the abandoned write ends when the channel is disposed.
        var writing = WriteAllAsync(standardInput, cancellationToken);
        await Task.WhenAny(writing, _execution).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteAllAsync(string? standardInput, CancellationToken cancellationToken)
    {
        // Disposing the input stream sends end-of-file. Without input the wrapper gives the command /dev/null anyway.
        try
        {
            await using var stdin = _command.CreateInputStream();
            if (standardInput is not null)
            {
                await stdin.WriteAsync(Encoding.UTF8.GetBytes(standardInput), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is SshException or ObjectDisposedException or InvalidOperationException or IOException)
        {
            // The command already finished and the channel closed; its exit code tells the rest.
        }
    }

    public async Task<int> WaitForExitCodeAsync(CancellationToken cancellationToken)
    {
        await _execution.WaitAsync(cancellationToken).ConfigureAwait(false);
        return _command.ExitStatus ?? SignalExitCode(_command.ExitSignal);
    }

    public ValueTask DisposeAsync()
    {
        // Closing the channel: what the process group still runs was stopped already (cancel) or finished (markers seen);
        // a background child that kept stdout open loses it here.
        _command.Dispose();
        _ = _execution.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return ValueTask.CompletedTask;
    }

    /// <summary>The command could not be started because the connection is gone (nothing ran on the node).</summary>
    internal sealed class NotStartedException(Exception inner) : Exception("the SSH channel could not be opened", inner);

    // A shell reports death by signal N as 128+N; do the same for the signal name sshd sends.
    private static int SignalExitCode(string? signal) => signal switch
    {
        "HUP" => 129,
        "INT" => 130,
        "QUIT" => 131,
        "ABRT" => 134,
        "KILL" => 137,
        "SEGV" => 139,
        "PIPE" => 141,
        "TERM" => 143,
        _ => 255,
    };
}
