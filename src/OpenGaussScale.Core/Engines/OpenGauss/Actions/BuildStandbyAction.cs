using System.Globalization;
using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.Model;
using OpenGaussScale.Core.State;
using OpenGaussScale.Core.Waiting;

namespace OpenGaussScale.Core.Engines.OpenGauss.Actions;

/// <summary>
/// Turns the new host into a standby (reference 3.4 step 3): stop, start as standby (an uncompleted build is fine),
/// then `gs_ctl build -M standby|cascade_standby` in the background (it survives a dropped SSH connection, as the
/// original's nohup does), and poll with backoff until the build is over and `gs_ctl query` shows the expected role
/// Normal. The original waits forever (reference 7.3 #10); here a build that copies nothing for --stall-time-out
/// fails, and so does a standby not Normal that long after its build returned. The build leaves a replication slot
/// named after the new node's application_name on its upstream; when the upstream had none, that slot is journaled as
/// created, so a rollback drops it (an inactive slot keeps WAL on the primary forever).
/// </summary>
internal sealed class BuildStandbyAction : StepAction
{
    // Prints the build's pid; its output goes to the log file, never to the SSH channel.
    private const string LaunchScript =
        "mkdir -p \"$(dirname \"$3\")\" && nohup gs_ctl build -D \"$1\" -M \"$2\" > \"$3\" 2>&1 < /dev/null & echo $!";

    private readonly NodeConfig _node;
    private readonly NodeConfig? _upstream;
    private readonly string _slot;
    private readonly LiveRole _expectedRole;
    private readonly string _logFile;
    private readonly PlannedCommand _stop;
    private readonly PlannedCommand _start;
    private readonly PlannedCommand _launch;
    private readonly PlannedCommand _query;
    private readonly string _user;
    private readonly string _environmentFile;

    public BuildStandbyAction(NodeConfig node, NodeConfig? upstream, string slot, string user, string environmentFile, string logFile)
    {
        _node = node;
        _upstream = upstream;
        _slot = slot;
        _user = user;
        _environmentFile = environmentFile;
        _logFile = logFile;
        var mode = node.IsCascade ? "cascade_standby" : "standby";
        _expectedRole = node.IsCascade ? LiveRole.CascadeStandby : LiveRole.Standby;
        _stop = StepContextExtensions.AsUser(node, user, environmentFile, "gs_ctl", "stop", "-D", node.DataDir);
        _start = StepContextExtensions.AsUser(node, user, environmentFile, "gs_ctl", "start", "-D", node.DataDir, "-M", "standby");
        _launch = StepContextExtensions.AsUser(node, user, environmentFile, "sh", "-c", LaunchScript, "ogscale-build", node.DataDir, mode, logFile);
        _query = OgCommands.Query(node, user, environmentFile);
    }

    public override string Name => "build";

    public override IReadOnlyList<PlannedCommand> Describe() => [_stop, _start, _launch, _query];

    public override async Task<bool> IsDoneAsync(StepContext context, CancellationToken cancellationToken) =>
        IsBuilt(await QueryAsync(context, cancellationToken).ConfigureAwait(false));

    public override async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Journaled before the node starts (it may connect as soon as it runs), so an undo stops the node first, then drops the slot.
        if (_upstream is not null && !await OgSql.HasSlotAsync(context, _upstream, _user, _environmentFile, _slot, cancellationToken).ConfigureAwait(false))
        {
            await context.RecordChangeAsync(new ChangeRecord { Kind = ChangeKinds.Slot, Host = _upstream.BackIp, Name = _slot, NewValue = "created" }, cancellationToken)
                .ConfigureAwait(false);
        }

        await context.RecordChangeAsync(new ChangeRecord { Kind = ChangeKinds.DataCopy, Host = _node.BackIp, Path = _node.DataDir, NewValue = "built" }, cancellationToken)
            .ConfigureAwait(false);
        await context.TryRunAsync(_stop, cancellationToken).ConfigureAwait(false);
        var start = await context.TryRunAsync(_start, cancellationToken).ConfigureAwait(false);
        var startText = start.StandardOutput + start.StandardError;
        if (!start.Succeeded && !startText.Contains("Uncompleted build is detected", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"failed to start {_node.BackIp} as standby before building: {start.Tail()}");
        }

        await context.RecordChangeAsync(new ChangeRecord { Kind = ChangeKinds.Process, Host = _node.BackIp, Path = _node.DataDir, NewValue = "started" }, cancellationToken)
            .ConfigureAwait(false);
        var launched = await context.RunAsync(_launch, cancellationToken).ConfigureAwait(false);
        var pid = launched.StandardOutput.Trim();
        if (!int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            throw new InvalidOperationException($"{_node.Name}: gs_ctl build did not start ({launched.Tail()})");
        }

        context.Log.Information("{Host}: gs_ctl build -M {Mode} runs as pid {Pid}, log {Log}", _node.BackIp, _node.IsCascade ? "cascade_standby" : "standby", pid, _logFile);
        var running = StepContextExtensions.AsUser(_node, _user, _environmentFile, "kill", "-0", pid);
        var size = CopyProgress.SizeCommand(_node, _user, _environmentFile);
        var watch = new StallWatch(context.Timeout, context.Clock);
        GsCtlQuery? last = null;
        var stalled = false;
        DateTimeOffset? ended = null;
        await Poll.UntilAsync(
            async token =>
            {
                // No wall-clock limit while the build copies (gs_expansion sets none either; --time-out bounds only
                // the package transfer): it is cut only when its data directory stops growing.
                if ((await context.TryRunAsync(running, token).ConfigureAwait(false)).Succeeded)
                {
                    return stalled = await CopyProgress.StalledAsync(context, size, watch, token).ConfigureAwait(false);
                }

                // gs_ctl build returns once it started the standby; the standby then connects to its upstream and
                // catches up, and db_state passes "Need repair", "Starting" or "Catchup" on the way to Normal: none of
                // them ends the wait alone, only a server that stopped or the stall limit since the build returned.
                ended ??= context.Clock.GetUtcNow();
                last = await QueryAsync(context, token).ConfigureAwait(false);
                return IsBuilt(last) || !last.ServerRunning || context.Clock.GetUtcNow() - ended >= context.Timeout;
            },
            Timeout.InfiniteTimeSpan,
            context.Clock,
            cancellationToken).ConfigureAwait(false);

        if (stalled)
        {
            // The build would otherwise go on writing into a directory the undo is about to clear.
            await context.TryRunAsync(StepContextExtensions.AsUser(_node, _user, _environmentFile, "kill", pid), cancellationToken).ConfigureAwait(false);
        }

        if (stalled || !IsBuilt(last))
        {
            var log = await context.TryRunAsync(StepContextExtensions.AsUser(_node, _user, _environmentFile, "tail", "-n", "5", _logFile), cancellationToken).ConfigureAwait(false);
            var what = stalled
                ? CopyProgress.Stall(watch)
                : last!.ServerRunning
                    ? $"it is {$"{last.LocalRole} {last.DbState}".Trim()}, not {_expectedRole.Text()} Normal, {context.Timeout.TotalSeconds:0} s after the build returned"
                    : "it is not running after the build";
            throw new InvalidOperationException($"build {_expectedRole.Text().ToLowerInvariant()} {_node.BackIp} failed: {what}; {_logFile}: {log.StandardOutput.ReplaceLineEndings(" | ").Trim()}");
        }
    }

    private async Task<GsCtlQuery> QueryAsync(StepContext context, CancellationToken cancellationToken)
    {
        var result = await context.TryRunAsync(_query, cancellationToken).ConfigureAwait(false);
        return GsCtlQuery.Parse(result.StandardOutput + "\n" + result.StandardError);
    }

    private bool IsBuilt(GsCtlQuery? query) => query is not null && query.ServerRunning && query.LiveRole == _expectedRole && query.IsDbState("Normal");
}
