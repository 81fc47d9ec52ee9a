using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.Remote;
using System.Globalization;

namespace OpenGaussScale.Core.Engines.PostgreSql.Actions;

/// <summary>Single-node mode with --restart-primary: `pg_ctl restart -m fast -w` (its log to a file, so no SSH channel is held).</summary>
internal sealed class RestartPrimaryAction : StepAction
{
    private readonly PlannedCommand _restart;

    public RestartPrimaryAction(NodeConfig primary, string user, string environmentFile, string logFile, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(primary);
        var seconds = Math.Max(1, (int)timeout.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        _restart = new PlannedCommand(primary.BackIp, user, new RemoteCommand(
            ["sh", "-c", "mkdir -p \"$(dirname \"$2\")\" && exec pg_ctl -D \"$1\" -l \"$2\" -m fast -w -t \"$3\" restart", "ogscale-restart", primary.DataDir, logFile, seconds])
        {
            EnvironmentFile = environmentFile,
            Timeout = timeout + TimeSpan.FromSeconds(30),
        });
    }

    public override string Name => "restart";

    public override DatabaseEffect DatabaseEffect => DatabaseEffect.Restarts;

    public override IReadOnlyList<PlannedCommand> Describe() => [_restart];

    public override async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.RunAsync(_restart, cancellationToken).ConfigureAwait(false);
    }
}
