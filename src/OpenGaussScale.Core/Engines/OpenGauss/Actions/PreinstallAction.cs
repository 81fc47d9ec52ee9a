using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.Remote;
using OpenGaussScale.Core.State;

namespace OpenGaussScale.Core.Engines.OpenGauss.Actions;

/// <summary>
/// As root on the new host (reference 3.1 step 2.2-2.3): the one-node XML written next to the package, then
/// `script/gs_preinstall -U USER -G GROUP -X XML --non-interactive --skip-hostname-set [--sep-env-file=FILE]`.
/// Directories that did not exist before are journaled, so a rollback removes only what ogscale made.
/// </summary>
internal sealed class PreinstallAction : StepAction
{
    private const string AbsentScript = "for d in \"$@\"; do [ -e \"$d\" ] || echo \"$d\"; done";
    private const string DoneScript = "[ \"$GAUSSHOME\" = \"$1\" ] && [ \"$GPHOME\" = \"$2\" ] && [ -d \"$GPHOME/script\" ]";

    private readonly NodeConfig _node;
    private readonly string[] _directories;
    private readonly PlannedCommand _write;
    private readonly PlannedCommand _preinstall;
    private readonly PlannedCommand _absent;
    private readonly PlannedCommand _done;

    public PreinstallAction(NodeConfig node, ClusterConfig config, string packageDirectory, string xmlPath, string xml, string user, string group, string environmentFile)
    {
        _node = node;
        _directories = [config.AppPath, config.ToolPath, config.LogPath, config.CorePath, node.DataDir, .. config.TmpPath is null ? Array.Empty<string>() : [config.TmpPath]];
        _write = new PlannedCommand(node.BackIp, "root", new RemoteCommand(["sh", "-c", AtomicWrite.Script, "ogscale-xml", xmlPath]) { StandardInput = xml });
        string[] sepEnv = environmentFile == EnvironmentFileChoice.UserBashrc ? [] : [$"--sep-env-file={environmentFile}"];
        _preinstall = StepContextExtensions.AsRoot(node,
            [$"{packageDirectory}/script/gs_preinstall", "-U", user, "-G", group, "-X", xmlPath, "--non-interactive", "--skip-hostname-set", .. sepEnv]);
        _absent = StepContextExtensions.AsRoot(node, ["sh", "-c", AbsentScript, "ogscale-absent", .. _directories]);
        _done = StepContextExtensions.AsUser(node, user, environmentFile, "bash", "-c", DoneScript, "ogscale-preinstalled", config.AppPath, config.ToolPath);
        Xml = xml;
    }

    /// <summary>The one-node XML (shown by --dry-run as the input of the write command).</summary>
    public string Xml { get; }

    public override string Name => "preinstall";

    public override IReadOnlyList<PlannedCommand> Describe() => [_write, _preinstall];

    public override async Task<bool> IsDoneAsync(StepContext context, CancellationToken cancellationToken) =>
        (await context.TryRunAsync(_done, cancellationToken).ConfigureAwait(false)).Succeeded;

    public override async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var absent = await context.RunAsync(_absent, cancellationToken).ConfigureAwait(false);
        foreach (var directory in absent.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            await context.RecordChangeAsync(new ChangeRecord { Kind = ChangeKinds.Directory, Host = _node.BackIp, Path = directory, NewValue = "created" }, cancellationToken)
                .ConfigureAwait(false);
        }

        await context.RunAsync(_write, cancellationToken).ConfigureAwait(false);
        await context.RunAsync(_preinstall, cancellationToken).ConfigureAwait(false);
    }
}
