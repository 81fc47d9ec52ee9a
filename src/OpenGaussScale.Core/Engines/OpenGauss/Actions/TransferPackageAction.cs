using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.Remote;
using OpenGaussScale.Core.State;

namespace OpenGaussScale.Core.Engines.OpenGauss.Actions;

/// <summary>
/// As root on the new host (reference 3.1 step 2.1): the package directory at the same absolute path as here, the
/// Server tarball, its sha256 and the OM tarball sent (sha256 checked on the host; a file already there with the same
/// checksum is not sent again), and the OM tarball unpacked so that script/ sits next to them. Root writes there
/// and later runs gs_preinstall from there, so the directory must be root's and safe (<see cref="SafePath"/>) before
/// anything is sent, and is never taken as "already done" otherwise: a directory someone else prepared (or can
/// write) would make root run their gs_preinstall. Unpacked files belong to root whatever the tarball says; the
/// preinstall checks them again right before root runs them.
/// </summary>
internal sealed class TransferPackageAction : StepAction
{
    private const string UnpackScript = "umask 022; tar --no-same-owner --no-same-permissions -xzf \"$1\" -C \"$2\"";

    private const string DoneScript = "[ -x \"$1/script/gs_preinstall\" ] && printf '%s  %s\\n' \"$2\" \"$3\" | sha256sum -c --quiet --status";

    private readonly NodeConfig _node;
    private readonly OgPackage _package;
    private readonly string _remoteDirectory;
    private readonly PlannedCommand _mkdir;
    private readonly PlannedCommand _unpack;
    private readonly PlannedCommand _done;
    private readonly PlannedCommand _exists;

    public TransferPackageAction(NodeConfig node, OgPackage package, string remoteDirectory, TimeSpan timeout)
    {
        _node = node;
        _package = package;
        _remoteDirectory = remoteDirectory;
        _mkdir = StepContextExtensions.AsRoot(node, "mkdir", "-p", "-m", "0755", "--", remoteDirectory);
        _unpack = StepContextExtensions.AsRoot(node, "sh", "-c", UnpackScript, "ogscale-unpack", Remote(package.OmTarball), remoteDirectory).WithTimeout(timeout);
        _done = StepContextExtensions.AsRoot(node, "sh", "-c", DoneScript, "ogscale-package-done", remoteDirectory, package.Sha256, Remote(package.Server));
        _exists = StepContextExtensions.AsRoot(node, "test", "-e", remoteDirectory);
        Timeout = timeout;
    }

    public TimeSpan Timeout { get; }

    public override string Name => "transfer";

    public override IReadOnlyList<PlannedCommand> Describe() => [_mkdir, _unpack];

    public override IReadOnlyList<string> Transfers => [.. _package.Files.Select(f => $"{f} -> root@{_node.BackIp}:{Remote(f)}")];

    public override async Task<bool> IsDoneAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return (await context.TryRunAsync(_done, cancellationToken).ConfigureAwait(false)).Succeeded && await WhyUnsafeAsync(context, cancellationToken).ConfigureAwait(false) is null;
    }

    public override async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!(await context.TryRunAsync(_exists, cancellationToken).ConfigureAwait(false)).Succeeded)
        {
            await context.RecordChangeAsync(new ChangeRecord { Kind = ChangeKinds.Directory, Host = _node.BackIp, Path = _remoteDirectory, NewValue = "created" }, cancellationToken)
                .ConfigureAwait(false);
        }

        await context.RunAsync(_mkdir, cancellationToken).ConfigureAwait(false);
        if (await WhyUnsafeAsync(context, cancellationToken).ConfigureAwait(false) is { } reason)
        {
            throw new InvalidOperationException($"{_node.Name}: the package directory {reason}; root writes and runs nothing there (make it root's, mode 0755, in directories only root can write)");
        }

        var shell = await context.Shells.OpenAsync(_node, "root", cancellationToken).ConfigureAwait(false);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        foreach (var file in _package.Files)
        {
            try
            {
                var result = await shell.UploadAsync(new FileUpload(file, Remote(file)), progress: null, deadline.Token).ConfigureAwait(false);
                context.Log.Information("{Host}: {File} {How}", _node.BackIp, Path.GetFileName(file), result.Skipped ? "already there (same sha256)" : $"sent ({result.Bytes} bytes)");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{_node.Name}: sending {Path.GetFileName(file)} took longer than --time-out {Timeout.TotalSeconds:0} s");
            }
        }

        await context.RunAsync(_unpack, cancellationToken).ConfigureAwait(false);
    }

    // The directory itself; what it holds is checked right before root runs any of it (PreinstallAction), since
    // gs_preinstall may give the unpacked files to the cluster user.
    private async Task<string?> WhyUnsafeAsync(StepContext context, CancellationToken cancellationToken) =>
        await SafePath.WhyUnsafeAsync(await context.Shells.OpenAsync(_node, "root", cancellationToken).ConfigureAwait(false), SafePathKind.Directory, "root", _remoteDirectory, cancellationToken)
            .ConfigureAwait(false);

    private string Remote(string localFile) => $"{_remoteDirectory}/{Path.GetFileName(localFile)}";
}
