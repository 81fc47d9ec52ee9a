using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.State;

namespace OpenGaussScale.Core.Engines.PostgreSql.Actions;

/// <summary>
/// Stops a target (`pg_ctl stop -m immediate`) and makes sure its walsender on the upstream is gone (an active slot
/// cannot be dropped): polled in pg_stat_replication, ended with pg_terminate_backend if it lingers.
/// </summary>
internal sealed class StopTargetAction : StepAction
{
    private readonly NodeConfig _target;
    private readonly NodeConfig? _upstream;
    private readonly PlannedCommand _stop;
    private readonly PlannedCommand? _senders;
    private readonly PlannedCommand? _terminate;

    public StopTargetAction(NodeConfig target, NodeConfig? upstream, string user, string environmentFile)
    {
        _target = target;
        _upstream = upstream;
        _stop = PgCommands.StopImmediate(target, user, environmentFile);
        if (upstream is not null)
        {
            var name = PgNames.Literal(PgNames.ApplicationName(target));
            _senders = PgSql.Command(upstream, user, environmentFile, $"select count(*) from pg_stat_replication where application_name = {name}");
            _terminate = PgSql.Command(upstream, user, environmentFile, $"select pg_terminate_backend(pid) from pg_stat_replication where application_name = {name}");
        }
    }

    public override string Name => "stop";

    public override DatabaseEffect DatabaseEffect => DatabaseEffect.Stops;

    public override IReadOnlyList<PlannedCommand> Describe() => _senders is null ? [_stop] : [_stop, _senders, _terminate!];

    public override async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.RecordChangeAsync(
            new ChangeRecord { Kind = ChangeKinds.Process, Host = _target.BackIp, Path = _target.DataDir, OldValue = "running" }, cancellationToken).ConfigureAwait(false);
        await context.RunAsync(_stop, cancellationToken).ConfigureAwait(false);
        if (_senders is null)
        {
            return;
        }

        await SenderGone.WaitAsync(context, _upstream!, _target,
            async () => PgSql.FirstRow(await context.TryRunAsync(_senders, cancellationToken).ConfigureAwait(false)) is not ["0"],
            _terminate!, cancellationToken).ConfigureAwait(false);
    }
}
