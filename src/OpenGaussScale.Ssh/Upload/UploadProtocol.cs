using OpenGaussScale.Core.Remote;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace OpenGaussScale.Ssh.Upload;

/// <summary>Copies a local file into the existing, empty <paramref name="temporaryPath"/> on the node (SFTP, or a local copy).</summary>
internal delegate Task SendFile(string localPath, string temporaryPath, long size, IProgress<TransferProgress>? progress, CancellationToken cancellationToken);

/// <summary>
/// How a file is placed on a node, the same over SSH and locally:
/// 1. sha256 of the local file; 2. on the node, the sha256 of the file already at the destination (if any) -
/// equal means nothing is sent (mode and owner are still set); 3. create an empty temporary file (mode 0600, as the
/// target user) in the destination directory and send into it, so a secret is never readable by others on the way;
/// 4. on the node, sha256 of the temporary file must equal the local one, then chmod, chown and
/// `mv -f` onto the destination (an atomic rename within one directory). Any failure removes the temporary file.
/// Every node-side step is a fixed script whose values are positional parameters, after `--` where a program takes
/// options (the owner "user:group" is an operand of chown even if it started with '-').
/// </summary>
internal static partial class UploadProtocol
{
    internal const string ProbeScript = """
        f=$1; d=$(dirname -- "$f")
        if [ ! -d "$d" ]; then echo "directory $d does not exist" >&2; exit 3; fi
        if [ -f "$f" ]; then sha256sum < "$f" | cut -d ' ' -f 1; fi
        """;

    internal const string FinishScript = """
        t=$1; f=$2; mode=$3; owner=$4; want=$5
        got=$(sha256sum < "$t" | cut -d ' ' -f 1)
        if [ "$got" != "$want" ]; then rm -f -- "$t"; echo "sha256 on the node is $got, expected $want" >&2; exit 4; fi
        chmod "$mode" -- "$t" && { [ -z "$owner" ] || chown -- "$owner" "$t"; } && mv -f -- "$t" "$f" || { rc=$?; rm -f -- "$t"; exit "$rc"; }
        """;

    internal const string CreateScript = """
        umask 077 && : > "$1"
        """;

    internal const string SettleScript = """
        f=$1; mode=$2; owner=$3
        chmod "$mode" -- "$f" && { [ -z "$owner" ] || chown -- "$owner" "$f"; }
        """;

    private static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(30);

    public static async Task<UploadResult> RunAsync(IRemoteShell shell, FileUpload upload, SendFile send, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        Validate(upload);
        var target = shell.Target;
        var (sha256, size) = await HashLocalAsync(target, upload.LocalPath, cancellationToken).ConfigureAwait(false);

        var probe = await shell.RunAsync(Script(ProbeScript, upload.RemotePath), cancellationToken).ConfigureAwait(false);
        if (!probe.Succeeded)
        {
            throw Failed(target, upload, probe.Tail());
        }

        var owner = upload.Owner ?? string.Empty;
        if (string.Equals(probe.StandardOutput.Trim(), sha256, StringComparison.Ordinal))
        {
            var settle = await shell.RunAsync(Script(SettleScript, upload.RemotePath, upload.Mode, owner), cancellationToken).ConfigureAwait(false);
            if (!settle.Succeeded)
            {
                throw Failed(target, upload, settle.Tail());
            }

            progress?.Report(new TransferProgress(upload.RemotePath, size, size));
            return new UploadResult(upload.RemotePath, sha256, size, Skipped: true);
        }

        var temporary = TemporaryPath(upload.RemotePath);
        try
        {
            var create = await shell.RunAsync(Script(CreateScript, temporary), cancellationToken).ConfigureAwait(false);
            if (!create.Succeeded)
            {
                throw Failed(target, upload, create.Tail());
            }

            await send(upload.LocalPath, temporary, size, progress, cancellationToken).ConfigureAwait(false);
            var finish = await shell.RunAsync(Script(FinishScript, temporary, upload.RemotePath, upload.Mode, owner, sha256), cancellationToken).ConfigureAwait(false);
            if (!finish.Succeeded)
            {
                throw Failed(target, upload, finish.Tail());
            }
        }
        catch (Exception ex)
        {
            await RemoveQuietlyAsync(shell, temporary).ConfigureAwait(false);
            if (ex is OperationCanceledException or RemoteException)
            {
                throw;
            }

            throw Failed(target, upload, ex.Message.TrimEnd('.'), ex);
        }

        return new UploadResult(upload.RemotePath, sha256, size, Skipped: false);
    }

    /// <summary>"/dir/.name.ogscale-NONCE.tmp": hidden, in the destination directory so the final rename is atomic.</summary>
    internal static string TemporaryPath(string remotePath)
    {
        var slash = remotePath.LastIndexOf('/');
        return $"{remotePath[..(slash + 1)]}.{remotePath[(slash + 1)..]}.ogscale-{Guid.NewGuid():N}.tmp";
    }

    private static RemoteCommand Script(string script, params string[] values) => RemoteCommand.Of(["/bin/sh", "-c", script, "ogscale-upload", .. values]);

    private static void Validate(FileUpload upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        if (!upload.RemotePath.StartsWith('/') || upload.RemotePath.EndsWith('/'))
        {
            throw new ArgumentException($"the remote path '{upload.RemotePath}' must be an absolute file path", nameof(upload));
        }

        if (!ModePattern().IsMatch(upload.Mode))
        {
            throw new ArgumentException($"the mode '{upload.Mode}' must be octal digits such as 0644", nameof(upload));
        }

        if (upload.Owner is not null && !OwnerPattern().IsMatch(upload.Owner))
        {
            throw new ArgumentException($"the owner '{upload.Owner}' must be USER or USER:GROUP", nameof(upload));
        }
    }

    private static async Task<(string Sha256, long Size)> HashLocalAsync(RemoteTarget target, string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = File.OpenRead(path);
            var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
            return (Convert.ToHexStringLower(hash), stream.Length);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RemoteException(
                RemoteFailureKind.TransferFailed,
                target,
                $"{target.Host}: cannot read the local file {path} to send it: {ex.Message.TrimEnd('.')}",
                "check that the file exists and is readable by the user running ogscale",
                ex);
        }
    }

    private static async Task RemoveQuietlyAsync(IRemoteShell shell, string temporary)
    {
        try
        {
            using var limit = new CancellationTokenSource(CleanupTimeout);
            await shell.RunAsync(RemoteCommand.Of("rm", "-f", "--", temporary), limit.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RemoteException or OperationCanceledException)
        {
            // The node is gone or slow; the hidden temporary file is harmless and the next upload uses a new name.
        }
    }

    private static RemoteException Failed(RemoteTarget target, FileUpload upload, string detail, Exception? inner = null) => new(
        RemoteFailureKind.TransferFailed,
        target,
        $"{target.Host}: cannot place {upload.RemotePath} as {target.User}: {detail}",
        $"check the directory, free space and permissions on {target.Host}",
        inner);

    [GeneratedRegex("^[0-7]{3,4}$")]
    private static partial Regex ModePattern();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]*)?$")]
    private static partial Regex OwnerPattern();
}
