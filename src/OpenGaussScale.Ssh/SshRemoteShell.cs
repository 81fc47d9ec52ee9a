using OpenGaussScale.Core.Remote;
using OpenGaussScale.Ssh.Execution;
using OpenGaussScale.Ssh.Upload;
using Renci.SshNet;
using Renci.SshNet.Common;
using Serilog;
using System.Net.Sockets;

namespace OpenGaussScale.Ssh;

/// <summary>
/// Runs commands and uploads files on one node as one user over the pooled connection. Disposing it does not close
/// the connection: the factory owns connections for the whole run.
/// </summary>
internal sealed class SshRemoteShell : IRemoteShell
{
    private readonly SshConnection _connection;
    private readonly SshOptions _options;
    private readonly ILogger _logger;

    public SshRemoteShell(SshConnection connection, SshOptions options, ILogger logger)
    {
        _connection = connection;
        _options = options;
        _logger = logger;
    }

    public RemoteTarget Target => _connection.Target;

    public bool IsLocal => false;

    public async Task<CommandResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await _connection.Channels.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _connection.EnsureConnectedAsync(cancellationToken).ConfigureAwait(false);
            var nonce = CommandWrapper.NewNonce();
            var text = ShellQuote.Join(CommandWrapper.Argv(nonce, command));
            _logger.Debug("{Host}: running `{Command}` as {User}", Target.Host, command, Target.User);
            return await WrappedCommandRunner.RunAsync(
                Target,
                command,
                nonce,
                command.Timeout ?? _options.DefaultCommandTimeout,
                token => StartAsync(text, token),
                StopGroupAsync,
                _logger,
                cancellationToken).ConfigureAwait(false);
        }
        catch (SshStartedCommand.NotStartedException ex)
        {
            throw SshErrorMapper.InUse(ex.InnerException ?? ex, Target, $"while running `{command}`");
        }
        catch (Exception ex) when (ex is SshException or SocketException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            throw SshErrorMapper.InUse(ex, Target, $"while running `{command}`");
        }
        finally
        {
            _connection.Channels.Release();
        }
    }

    public Task<UploadResult> UploadAsync(FileUpload upload, IProgress<TransferProgress>? progress, CancellationToken cancellationToken) =>
        UploadProtocol.RunAsync(this, upload, (local, temporary, size, report, token) => SendAsync(local, temporary, upload.RemotePath, size, report, token), progress, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    // A connection that dropped is often only noticed when the next channel cannot be opened. The command has not
    // been started then (the exec request never reached the server), so reconnecting and starting it once more is safe.
    private async Task<IStartedCommand> StartAsync(string text, CancellationToken cancellationToken)
    {
        var generation = _connection.Generation;
        try
        {
            return await SshStartedCommand.StartAsync(_connection.Client, text).ConfigureAwait(false);
        }
        catch (SshStartedCommand.NotStartedException ex)
        {
            _logger.Debug(ex.InnerException, "{Host}: could not open a channel; reconnecting", Target.Host);
            await _connection.ReconnectAsync(generation, cancellationToken).ConfigureAwait(false);
            return await SshStartedCommand.StartAsync(_connection.Client, text).ConfigureAwait(false);
        }
    }

    // The stop runs on a new channel outside the channel limit: the limit is below sshd's MaxSessions for this.
    private async Task StopGroupAsync(int pgid, CancellationToken cancellationToken)
    {
        using var stop = _connection.Client.CreateCommand(CommandWrapper.KillGroup(pgid).ToShellText());
        await stop.ExecuteAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task SendAsync(string localPath, string temporaryPath, string remotePath, long size, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        try
        {
            using var sftp = await _connection.OpenSftpAsync(cancellationToken).ConfigureAwait(false);
            await using var source = File.OpenRead(localPath);
            var report = progress is null
                ? null
                : new Progress<UploadFileProgressReport>(r => progress.Report(new TransferProgress(remotePath, (long)r.TotalBytesUploaded, size)));
            await sftp.UploadFileAsync(source, temporaryPath, canOverride: true, report, cancellationToken).ConfigureAwait(false);
            progress?.Report(new TransferProgress(remotePath, size, size));
            sftp.Disconnect();
        }
        catch (Exception ex) when (ex is SshException or SocketException)
        {
            throw SshErrorMapper.InUse(ex, Target, $"while sending {localPath} to {temporaryPath}");
        }
    }
}
