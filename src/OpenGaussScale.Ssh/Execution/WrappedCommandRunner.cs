using OpenGaussScale.Core.Remote;
using Serilog;
using System.Diagnostics;

namespace OpenGaussScale.Ssh.Execution;

/// <summary>
/// Runs one wrapped command on a started transport: collects stdout and stderr up to the wrapper's end markers,
/// enforces the deadline, and on cancellation or deadline stops the command's whole process group.
/// Shared by the SSH and the local shell so both behave the same.
/// </summary>
internal static class WrappedCommandRunner
{
    /// <summary>How long a stop (TERM, wait, KILL) may take before we give up on it.</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait for the group id when a command is cancelled right after it was started.</summary>
    private static readonly TimeSpan GroupIdWait = TimeSpan.FromSeconds(3);

    /// <param name="start">Starts the wrapped command (argv from <see cref="CommandWrapper.Argv"/>).</param>
    /// <param name="stopGroup">Stops a process group (runs <see cref="CommandWrapper.KillGroup"/> on a new channel or process).</param>
    public static async Task<CommandResult> RunAsync(
        RemoteTarget target,
        RemoteCommand command,
        string nonce,
        TimeSpan timeout,
        Func<CancellationToken, Task<IStartedCommand>> start,
        Func<int, CancellationToken, Task> stopGroup,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);

        IStartedCommand? started = null;
        var stdout = new MarkedOutput($"{nonce} pgid", $"{nonce} exit");
        var stderr = new MarkedOutput($"{nonce} start", $"{nonce} end");
        try
        {
            started = await start(deadline.Token).ConfigureAwait(false);

            // The readers are not cancelled by the token: they end at the markers, at end-of-file, or when the
            // transport is disposed. That way the group id can still be read after a cancel came in.
            var reading = Task.WhenAll(stdout.ReadAsync(started.StandardOutput), stderr.ReadAsync(started.StandardError));

            // Standard input goes out once the wrapper has printed its group id: then the command surely runs with the
            // channel as its stdin (sshd drops data that arrives on a session channel before its command started).
            // No group id means the wrapper did not run (the stream ended): there is nothing to write to.
            if (await stdout.Started.WaitAsync(deadline.Token).ConfigureAwait(false) is not null)
            {
                await started.WriteInputAsync(command.StandardInput, deadline.Token).ConfigureAwait(false);
            }

            await reading.WaitAsync(deadline.Token).ConfigureAwait(false);
            var exitCode = stdout.EndNumber ?? await started.WaitForExitCodeAsync(deadline.Token).ConfigureAwait(false);
            return new CommandResult(exitCode, stdout.Text, stderr.Text, clock.Elapsed);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            await StopAsync(target, command, stdout, stopGroup, logger).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException($"{target.Host}: `{command}` was cancelled; its process group was stopped", cancellationToken);
            }

            throw new RemoteException(
                RemoteFailureKind.Timeout,
                target,
                $"{target.Host}: `{command}` as {target.User} did not finish within {Durations.Format(timeout)}; its process group was stopped",
                $"look on {target.Host} for what the command waits for, or allow it more time");
        }
        finally
        {
            if (started is not null)
            {
                await started.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task StopAsync(RemoteTarget target, RemoteCommand command, MarkedOutput stdout, Func<int, CancellationToken, Task> stopGroup, ILogger logger)
    {
        int? group;
        try
        {
            group = await stdout.Started.WaitAsync(GroupIdWait).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            group = null;
        }

        if (group is not { } pgid)
        {
            logger.Warning("{Host}: `{Command}` was stopped before it reported its process group; closing its channel only", target.Host, command);
            return;
        }

        using var limit = new CancellationTokenSource(StopTimeout);
        try
        {
            await stopGroup(pgid, limit.Token).ConfigureAwait(false);
            logger.Debug("{Host}: stopped process group {Group} of `{Command}`", target.Host, pgid, command);
        }
        catch (Exception ex) when (ex is RemoteException or OperationCanceledException or IOException or InvalidOperationException)
        {
            logger.Warning(ex, "{Host}: could not stop process group {Group} of `{Command}`", target.Host, pgid, command);
        }
    }
}
