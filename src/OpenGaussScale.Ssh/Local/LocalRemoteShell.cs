using OpenGaussScale.Core.Remote;
using OpenGaussScale.Ssh.Execution;
using OpenGaussScale.Ssh.Upload;
using Serilog;

namespace OpenGaussScale.Ssh.Local;

/// <summary>
/// The node that is this host: commands run as local processes, in their own process group (setsid), as the target
/// user - directly when ogscale already runs as that user, through `runuser -u USER --` when ogscale runs as root
/// (so HOME, SHELL, USER and LOGNAME are the target user's). Everything else behaves as over SSH: same wrapper,
/// same deadlines and process-group stop, same upload protocol.
/// </summary>
internal sealed class LocalRemoteShell : IRemoteShell
{
    private readonly bool _switchUser;
    private readonly TimeSpan _defaultTimeout;
    private readonly ILogger _logger;

    public LocalRemoteShell(RemoteTarget target, bool switchUser, TimeSpan defaultTimeout, ILogger logger)
    {
        Target = target;
        _switchUser = switchUser;
        _defaultTimeout = defaultTimeout;
        _logger = logger;
    }

    public RemoteTarget Target { get; }

    public bool IsLocal => true;

    public Task<CommandResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var nonce = CommandWrapper.NewNonce();
        IReadOnlyList<string> wrapped = CommandWrapper.Argv(nonce, command);
        var argv = _switchUser ? ["runuser", "-u", Target.User, "--", .. wrapped] : wrapped;
        _logger.Debug("{Host}: running `{Command}` locally as {User}", Target.Host, command, Target.User);
        return WrappedCommandRunner.RunAsync(
            Target,
            command,
            nonce,
            command.Timeout ?? _defaultTimeout,
            _ => Task.FromResult(LocalStartedCommand.Start(Target, argv)),
            StopGroupAsync,
            _logger,
            cancellationToken);
    }

    public Task<UploadResult> UploadAsync(FileUpload upload, IProgress<TransferProgress>? progress, CancellationToken cancellationToken) =>
        UploadProtocol.RunAsync(this, upload, (local, temporary, size, report, token) => SendAsync(local, temporary, upload.RemotePath, size, report, token), progress, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    // As ogscale's own user (root can signal any group; otherwise the group is ours).
    private async Task StopGroupAsync(int pgid, CancellationToken cancellationToken)
    {
        await using var stop = LocalStartedCommand.Start(Target, [.. CommandWrapper.KillGroup(pgid).Argv]);
        await stop.WriteInputAsync(null, cancellationToken).ConfigureAwait(false);
        await stop.WaitForExitCodeAsync(cancellationToken).ConfigureAwait(false);
    }

    // The copy runs in this process (ogscale's user can read the local file) into the temporary file the protocol
    // created as the target user: it keeps that owner and its 0600 mode.
    private static async Task SendAsync(string localPath, string temporaryPath, string remotePath, long size, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        await using var source = File.OpenRead(localPath);
        await using var destination = new FileStream(temporaryPath, FileMode.Truncate, FileAccess.Write);
        var buffer = new byte[1024 * 1024];
        long sent = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            sent += read;
            progress?.Report(new TransferProgress(remotePath, sent, size));
        }
    }
}
