using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.State;

namespace OpenGaussScale.Core.Engines.OpenGauss.Actions;

/// <summary>
/// Stops a target (`gs_ctl stop -D DN -M immediate`; "Is server running?" means it was down already) and makes sure
/// its walsender on the upstream is gone: polled through `gs_ctl query` on the upstream, ended with
/// pg_terminate_backend if it lingers (a half-open connection would otherwise hold the slot until a timeout).
/// </summary>
internal sealed class StopTargetAction : StepAction
{
    private readonly NodeConfig _target;
    private readonly NodeConfig? _upstream;
    private readonly string _mode;
    private readonly PlannedCommand _stop;
    private readonly PlannedCommand? _senders;
    private readonly PlannedCommand? _terminate;

    public StopTargetAction(NodeConfig target, NodeConfig? upstream, string user, string environmentFile)
    {
        _target = target;
        _upstream = upstream;
        _mode = target.IsCascade ? "cascade_standby" : "standby";
        _stop = StepContextExtensions.AsUser(target, user, environmentFile, "gs_ctl", "stop", "-D", target.DataDir, "-M", "immediate");
        if (upstream is not null)
        {
            _senders = OgCommands.Query(upstream, user, environmentFile);
            _terminate = OgSql.EndSenders(upstream, user, environmentFile, target.BackIp);
        }
    }

    public override string Name => "stop";

    public override DatabaseEffect DatabaseEffect => DatabaseEffect.Stops;

    public override IReadOnlyList<PlannedCommand> Describe() => _senders is null ? [_stop] : [_stop, _senders, _terminate!];

    public override async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.RecordChangeAsync(
            new ChangeRecord { Kind = ChangeKinds.Process, Host = _target.BackIp, Path = _target.DataDir, OldValue = "running", Name = _mode }, cancellationToken)
            .ConfigureAwait(false);
        var stop = await context.TryRunAsync(_stop, cancellationToken).ConfigureAwait(false);
        if (!stop.Succeeded && !(stop.StandardOutput + stop.StandardError).Contains("Is server running?", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{_target.Name}: gs_ctl stop failed: {stop.Tail()}");
        }

        if (_senders is null)
        {
            return;
        }

        await SenderGone.WaitAsync(context, _upstream!, _target, () => HasSenderAsync(context, cancellationToken), _terminate!, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> HasSenderAsync(StepContext context, CancellationToken cancellationToken)
    {
        var query = GsCtlQuery.Parse((await context.TryRunAsync(_senders!, cancellationToken).ConfigureAwait(false)).StandardOutput);
        return query.Senders.Any(s => s.TryGetValue("channel", out var channel) && channel.Contains("-->" + _target.BackIp + ":", StringComparison.OrdinalIgnoreCase));
    }
}
