using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.Waiting;

namespace OpenGaussScale.Core.Engines.OpenGauss.Actions;

/// <summary>
/// Single-node mode with --restart-primary (reference 4.2 step 6, restartInstance): `gs_ctl stop -M immediate`, then
/// OM's StartInstance.py, then `gs_ctl query` until the node answers Normal (bounded by --time-out).
/// </summary>
internal sealed class RestartPrimaryAction : StepAction
{
    private readonly NodeConfig _primary;
    private readonly PlannedCommand _stop;
    private readonly PlannedCommand _start;
    private readonly PlannedCommand _query;

    public RestartPrimaryAction(NodeConfig primary, string user, string environmentFile)
    {
        _primary = primary;
        _stop = StepContextExtensions.AsUser(primary, user, environmentFile, "gs_ctl", "stop", "-D", primary.DataDir, "-M", "immediate");
        _start = StepContextExtensions.AsUser(primary, user, environmentFile, "sh", "-c",
            "python3 \"$GPHOME/script/local/StartInstance.py\" -U \"$1\" -D \"$2\"", "ogscale-start", user, primary.DataDir);
        _query = OgCommands.Query(primary, user, environmentFile);
    }

    public override string Name => "restart";

    public override DatabaseEffect DatabaseEffect => DatabaseEffect.Restarts;

    public override IReadOnlyList<PlannedCommand> Describe() => [_stop, _start];

    public override async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var stop = await context.TryRunAsync(_stop, cancellationToken).ConfigureAwait(false);
        if (!stop.Succeeded && !(stop.StandardOutput + stop.StandardError).Contains("Is server running?", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{_primary.Name}: gs_ctl stop failed: {stop.Tail()}");
        }

        await context.RunAsync(_start with { Command = _start.Command with { Timeout = context.Timeout } }, cancellationToken).ConfigureAwait(false);
        var normal = await Poll.UntilAsync(
            async token => GsCtlQuery.Parse((await context.TryRunAsync(_query, token).ConfigureAwait(false)).StandardOutput).DbState == "Normal",
            context.Timeout, context.Clock, cancellationToken).ConfigureAwait(false);
        if (!normal)
        {
            throw new TimeoutException($"{_primary.Name}: not Normal {context.Timeout.TotalSeconds:0} s after the restart");
        }
    }
}
