using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.State;

namespace OpenGaussScale.Core.Engines.OpenGauss.Actions;

/// <summary>
/// As the cluster user on the new host (reference 3.1 step 5): Install.py unpacks the Server package into the app path,
/// InitInstance.py initialises the single-node instance, then its listen address and port are set. An install an
/// interrupted run left half done is emptied first (only when that run's journal says ogscale filled the directory).
/// </summary>
internal sealed class InstallAction : StepAction
{
    // gs_expansion runs the install on a new host with this bound, not --time-out (DefaultValue.TIMEOUT_PSSH_INSTALL,
    // script/gspylib/common/Common.py @792253f, line 192; --time-out bounds only the package transfer there).
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(1800);

    private const string DoneScript = "[ -x \"$1/bin/gaussdb\" ] && [ -f \"$2/PG_VERSION\" ]";

    private readonly NodeConfig _node;
    private readonly IReadOnlyList<PlannedCommand> _commands;
    private readonly PlannedCommand _done;

    public InstallAction(NodeConfig node, ClusterConfig config, string xmlPath, string user, string group, string environmentFile, bool clearLeftover = false)
    {
        _node = node;
        var logFile = $"{config.LogPath.TrimEnd('/')}/{user}/om/gs_local.log";
        var scripts = $"{config.ToolPath.TrimEnd('/')}/script/local";
        _commands =
        [
            .. clearLeftover ? [LeftoverData.Clear(node, user, environmentFile)] : Array.Empty<PlannedCommand>(),
            StepContextExtensions.AsUser(node, user, environmentFile,
                "python3", $"{scripts}/Install.py", "-t", "install_cluster", "-U", $"{user}:{group}", "-X", xmlPath, "-R", config.AppPath, "-c", config.ClusterName, "-l", logFile)
                .WithTimeout(Limit),
            StepContextExtensions.AsUser(node, user, environmentFile, "python3", $"{scripts}/InitInstance.py", "-U", user, "-l", logFile).WithTimeout(Limit),
            OgCommands.GucSet(node, user, environmentFile, [new("listen_addresses", $"localhost,{node.BackIp}"), new("port", node.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))], reload: false),
        ];
        _done = StepContextExtensions.AsUser(node, user, environmentFile, "sh", "-c", DoneScript, "ogscale-installed", config.AppPath, node.DataDir);
    }

    public override string Name => "install";

    public override IReadOnlyList<PlannedCommand> Describe() => _commands;

    public override async Task<bool> IsDoneAsync(StepContext context, CancellationToken cancellationToken) =>
        (await context.TryRunAsync(_done, cancellationToken).ConfigureAwait(false)).Succeeded;

    public override async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.RecordChangeAsync(new ChangeRecord { Kind = ChangeKinds.DataCopy, Host = _node.BackIp, Path = _node.DataDir, NewValue = "initialised" }, cancellationToken)
            .ConfigureAwait(false);
        foreach (var command in _commands)
        {
            await context.RunAsync(command, cancellationToken).ConfigureAwait(false);
        }
    }
}
