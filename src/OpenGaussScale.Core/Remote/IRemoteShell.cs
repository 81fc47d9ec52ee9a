namespace OpenGaussScale.Core.Remote;

/// <summary>
/// Runs commands and places files on one node as one user. Every side effect on a node goes through
/// this interface: SSH in production, a local process when the node is this host, a scripted fake in tests.
/// </summary>
public interface IRemoteShell : IAsyncDisposable
{
    RemoteTarget Target { get; }

    /// <summary>True when commands run on this machine without SSH.</summary>
    bool IsLocal { get; }

    /// <summary>
    /// Runs the command and returns its result whatever its exit code. Throws <see cref="RemoteException"/> when the
    /// node cannot be reached or the deadline passes; cancellation and deadlines stop the whole remote process group.
    /// </summary>
    Task<CommandResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken);

    /// <summary>
    /// Places a local file on the node: upload to a temporary name, sha256 checked on the node, renamed into place,
    /// mode and owner set. A file already there with the same checksum is not sent again.
    /// </summary>
    Task<UploadResult> UploadAsync(FileUpload upload, IProgress<TransferProgress>? progress, CancellationToken cancellationToken);
}

/// <summary>Opens (and pools: one connection per host and user for the whole run) shells to nodes.</summary>
public interface IRemoteShellFactory : IAsyncDisposable
{
    Task<IRemoteShell> OpenAsync(RemoteTarget target, CancellationToken cancellationToken);
}

/// <summary>A file to place on a node.</summary>
/// <param name="LocalPath">The file on this machine.</param>
/// <param name="RemotePath">The absolute final path on the node.</param>
/// <param name="Mode">Octal permission bits, e.g. "0644".</param>
/// <param name="Owner">"user:group" to chown to, or null to leave as uploaded.</param>
public sealed record FileUpload(string LocalPath, string RemotePath, string Mode = "0644", string? Owner = null);

/// <summary>The outcome of an upload.</summary>
/// <param name="Skipped">True when the node already had the file with the same sha256.</param>
public sealed record UploadResult(string RemotePath, string Sha256, long Bytes, bool Skipped);

/// <summary>Progress of one transfer.</summary>
public sealed record TransferProgress(string RemotePath, long BytesSent, long TotalBytes);
