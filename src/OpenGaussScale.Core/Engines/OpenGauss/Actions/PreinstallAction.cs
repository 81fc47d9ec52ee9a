using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.Remote;
using OpenGaussScale.Core.State;

namespace OpenGaussScale.Core.Engines.OpenGauss.Actions;

/// <summary>
/// As root on the new host (reference 3.1 step 2.2-2.3): the one-node XML written next to the package, then
/// `script/gs_preinstall -U USER -G GROUP -X XML --non-interactive --skip-hostname-set [--sep-env-file=FILE]`.
/// Directories that did not exist before are journaled, so a rollback removes only what ogscale made; the user's
/// environment file, which gs_preinstall edits, is copied first and the copy journaled, so a rollback puts it back.
/// </summary>
internal sealed class PreinstallAction : StepAction
{
    private const string AbsentScript = "for d in \"$@\"; do [ -e \"$d\" ] || echo \"$d\"; done";

    // Prints the environment file's path when it exists and has a copy named after the run (made once: a resumed run
    // keeps the copy taken before the first attempt). "~/" is the cluster user's home; a user not there yet has no file.
    // The user comes after `--`: a name is looked up, never read as an option.
    private const string CopyEnvironmentScript =
        "h=$(getent passwd -- \"$1\" | cut -d: -f6); [ -n \"$h\" ] || exit 0; f=$2; case $f in '~/'*) f=$h/${f#'~/'};; esac; " +
        "[ -f \"$f\" ] || exit 0; [ -e \"$f.$3\" ] || cp -p -- \"$f\" \"$f.$3\"; echo \"$f\"";

    private const string DoneScript = "[ \"$GAUSSHOME\" = \"$1\" ] && [ \"$GPHOME\" = \"$2\" ] && [ -d \"$GPHOME/script\" ]";

    private readonly NodeConfig _node;
    private readonly string _user;
    private readonly string _environmentFile;
    private readonly string _packageDirectory;
    private readonly string[] _directories;
    private readonly PlannedCommand _write;
    private readonly PlannedCommand _preinstall;
    private readonly PlannedCommand _absent;
    private readonly PlannedCommand _done;

    public PreinstallAction(NodeConfig node, ClusterConfig config, string packageDirectory, string xmlPath, string xml, string user, string group, string environmentFile)
    {
        _node = node;
        _user = user;
        _environmentFile = environmentFile;
        _packageDirectory = packageDirectory;
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

        var suffix = $"ogscale-{context.Journal.RunId}";
        var copy = StepContextExtensions.AsRoot(_node, "sh", "-c", CopyEnvironmentScript, "ogscale-copy-env", _user, _environmentFile, suffix);
        if ((await context.RunAsync(copy, cancellationToken).ConfigureAwait(false)).StandardOutput.Trim() is { Length: > 0 } path)
        {
            await context.RecordChangeAsync(new ChangeRecord { Kind = ChangeKinds.File, Host = _node.BackIp, Path = path, BackupPath = $"{path}.{suffix}" }, cancellationToken)
                .ConfigureAwait(false);
        }

        // Checked again right before: what root runs must still be root's alone (the transfer checked it too).
        var root = await context.Shells.OpenAsync(_node, "root", cancellationToken).ConfigureAwait(false);
        if (await SafePath.WhyRootMustNotRunFromAsync(root, _packageDirectory, cancellationToken).ConfigureAwait(false) is { } reason)
        {
            throw new InvalidOperationException(
                $"{_node.Name}: gs_preinstall is not run: {reason}; root runs only programs nobody else could have changed " +
                $"(remove {_packageDirectory} on {_node.Name} and run again: ogscale sends the package anew)");
        }

        await context.RunAsync(_write, cancellationToken).ConfigureAwait(false);
        await context.RunAsync(_preinstall, cancellationToken).ConfigureAwait(false);
    }
}
