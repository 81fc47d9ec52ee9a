using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.State;

namespace OpenGaussScale.Core.Engines.OpenGauss.Actions;

/// <summary>
/// Single-node mode (reference 4.2 step 6): the primary's `$GAUSSHOME/bin/cluster_dynamic_config` goes ("Remove the
/// dynamic conf."). It is moved aside rather than deleted, so an undo can put it back.
/// </summary>
internal sealed class DynamicConfigAction : StepAction
{
    private const string MoveScript = "[ ! -e \"$1\" ] || mv -f \"$1\" \"$2\"";

    private readonly NodeConfig _primary;
    private readonly string _path;
    private readonly string _aside;
    private readonly PlannedCommand _move;
    private readonly PlannedCommand _absent;

    public DynamicConfigAction(ClusterConfig config, string user, string environmentFile, string suffix)
    {
        ArgumentNullException.ThrowIfNull(config);
        _primary = config.Primary;
        _path = $"{config.AppPath.TrimEnd('/')}/bin/cluster_dynamic_config";
        _aside = $"{_path}.{suffix}";
        _move = StepContextExtensions.AsUser(_primary, user, environmentFile, "sh", "-c", MoveScript, "ogscale-dynamic", _path, _aside);
        _absent = StepContextExtensions.AsUser(_primary, user, environmentFile, "sh", "-c", "[ ! -e \"$1\" ]", "ogscale-dynamic-absent", _path);
    }

    public override string Name => "dynamicconf";

    public override IReadOnlyList<PlannedCommand> Describe() => [_move];

    public override async Task<bool> IsDoneAsync(StepContext context, CancellationToken cancellationToken) =>
        (await context.TryRunAsync(_absent, cancellationToken).ConfigureAwait(false)).Succeeded;

    public override async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.RecordChangeAsync(new ChangeRecord { Kind = ChangeKinds.File, Host = _primary.BackIp, Path = _path, BackupPath = _aside }, cancellationToken)
            .ConfigureAwait(false);
        await context.RunAsync(_move, cancellationToken).ConfigureAwait(false);
    }
}
