using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.Remote;
using OpenGaussScale.Core.State;

namespace OpenGaussScale.Core.Engines.OpenGauss.Actions;

/// <summary>
/// As root on the new host (reference 3.1 step 2.1): the package directory at the same absolute path as here, the
/// Server tarball, its sha256 and the OM tarball sent (sha256 checked on the host; a file already there with the same
/// checksum is not sent again), and the OM tarball unpacked so that script/ sits next to them.
/// </summary>
internal sealed class TransferPackageAction : StepAction
{
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
        _mkdir = StepContextExtensions.AsRoot(node, "mkdir", "-p", "-m", "0755", remoteDirectory);
        _unpack = StepContextExtensions.AsRoot(node, "tar", "-xzf", Remote(package.OmTarball), "-C", remoteDirectory).WithTimeout(timeout);
        _done = StepContextExtensions.AsRoot(node, "sh", "-c", DoneScript, "ogscale-package-done", remoteDirectory, package.Sha256, Remote(package.Server));
        _exists = StepContextExtensions.AsRoot(node, "test", "-e", remoteDirectory);
        Timeout = timeout;
    }

    public TimeSpan Timeout { get; }

    public override string Name => "transfer";

    public override IReadOnlyList<PlannedCommand> Describe() => [_mkdir, _unpack];

    public override IReadOnlyList<string> Transfers => [.. _package.Files.Select(f => $"{f} -> root@{_node.BackIp}:{Remote(f)}")];

    public override async Task<bool> IsDoneAsync(StepContext context, CancellationToken cancellationToken) =>
        (await context.TryRunAsync(_done, cancellationToken).ConfigureAwait(false)).Succeeded;

    public override async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!(await context.TryRunAsync(_exists, cancellationToken).ConfigureAwait(false)).Succeeded)
        {
            await context.RecordChangeAsync(new ChangeRecord { Kind = ChangeKinds.Directory, Host = _node.BackIp, Path = _remoteDirectory, NewValue = "created" }, cancellationToken)
                .ConfigureAwait(false);
        }

        await context.RunAsync(_mkdir, cancellationToken).ConfigureAwait(false);
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

    private string Remote(string localFile) => $"{_remoteDirectory}/{Path.GetFileName(localFile)}";
}
