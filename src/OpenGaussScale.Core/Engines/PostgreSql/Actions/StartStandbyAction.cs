using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.Remote;
using OpenGaussScale.Core.State;
using System.Globalization;

namespace OpenGaussScale.Core.Engines.PostgreSql.Actions;

/// <summary>Starts the new standby's postmaster (pg_ctl -l: a backgrounded server must never hold the SSH channel open).</summary>
internal sealed class StartStandbyAction : StepAction
{
    private readonly NodeConfig _node;
    private readonly PlannedCommand _start;
    private readonly PlannedCommand _status;

    public StartStandbyAction(NodeConfig node, string user, string environmentFile, string logFile, TimeSpan timeout)
    {
        _node = node;
        var seconds = Math.Max(1, (int)timeout.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        _start = new PlannedCommand(node.BackIp, user, new RemoteCommand(["pg_ctl", "-D", node.DataDir, "-l", logFile, "-w", "-t", seconds, "start"])
        {
            EnvironmentFile = environmentFile,
            Timeout = timeout + TimeSpan.FromSeconds(30),
        });
        _status = StepContextExtensions.AsUser(node, user, environmentFile, "pg_ctl", "-D", node.DataDir, "status");
    }

    public override string Name => "start";

    public override IReadOnlyList<PlannedCommand> Describe() => [_start];

    public override async Task<bool> IsDoneAsync(StepContext context, CancellationToken cancellationToken) =>
        (await context.TryRunAsync(_status, cancellationToken).ConfigureAwait(false)).Succeeded;

    public override async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.RecordChangeAsync(new ChangeRecord { Kind = ChangeKinds.Process, Host = _node.BackIp, Path = _node.DataDir, NewValue = "started" }, cancellationToken)
            .ConfigureAwait(false);
        await context.RunAsync(_start, cancellationToken).ConfigureAwait(false);
    }
}
