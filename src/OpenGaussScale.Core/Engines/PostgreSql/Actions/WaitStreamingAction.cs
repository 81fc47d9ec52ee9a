using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.Waiting;

namespace OpenGaussScale.Core.Engines.PostgreSql.Actions;

/// <summary>
/// Polls (backoff, bounded by --time-out) until the upstream shows the new standby streaming and the standby is in
/// recovery with its WAL receiver streaming. A standby whose server has gone (it crashed or was killed after its start)
/// fails the step at once, naming its log, instead of being waited for until --time-out.
/// </summary>
internal sealed class WaitStreamingAction : StepAction
{
    private readonly NodeConfig _node;
    private readonly NodeConfig _upstream;
    private readonly PlannedCommand _upstreamView;
    private readonly PlannedCommand _standbyView;
    private readonly PlannedCommand _status;
    private readonly string _logFile;

    public WaitStreamingAction(NodeConfig node, NodeConfig upstream, string user, string environmentFile, string logFile)
    {
        _node = node;
        _upstream = upstream;
        _logFile = logFile;
        _status = StepContextExtensions.AsUser(node, user, environmentFile, "pg_ctl", "-D", node.DataDir, "status");
        _upstreamView = PgSql.Command(upstream, user, environmentFile,
            $"select state from pg_stat_replication where application_name = {PgNames.Literal(PgNames.ApplicationName(node))}");
        _standbyView = PgSql.Command(node, user, environmentFile,
            "select pg_is_in_recovery(), coalesce((select status from pg_stat_wal_receiver limit 1), 'none')");
    }

    // pg_ctl status: "no server running".
    private const int NotRunning = 3;

    public override string Name => "wait";

    public override IReadOnlyList<PlannedCommand> Describe() => [_upstreamView, _standbyView];

    public override async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var last = "no answer yet";
        var streaming = await Poll.UntilAsync(
            async token =>
            {
                var upstream = await context.TryRunAsync(_upstreamView, token).ConfigureAwait(false);
                var standby = await context.TryRunAsync(_standbyView, token).ConfigureAwait(false);
                var sender = upstream.Succeeded ? PgSql.FirstRow(upstream)?[0] ?? "not connected" : "upstream not answering";
                if (!standby.Succeeded && (await context.TryRunAsync(_status, token).ConfigureAwait(false)).ExitCode == NotRunning)
                {
                    throw new InvalidOperationException($"{_node.Name}: its database is not running any more (it stopped after its start); see {_logFile} on {_node.BackIp}");
                }

                var receiver = PgSql.FirstRow(standby);
                last = $"upstream sees {sender}, standby in recovery {receiver?[0] ?? "?"} receiver {receiver?.ElementAtOrDefault(1) ?? "?"}";
                return sender == "streaming" && receiver is ["t", "streaming"];
            },
            context.Timeout,
            context.Clock,
            cancellationToken).ConfigureAwait(false);
        if (!streaming)
        {
            throw new TimeoutException(
                $"{_node.Name} did not start streaming from {_upstream.Name} within {context.Timeout.TotalSeconds:0} s ({last}); raise --time-out for a large database");
        }
    }
}
