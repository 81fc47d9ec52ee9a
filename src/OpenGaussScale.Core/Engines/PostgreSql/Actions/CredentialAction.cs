using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.Waiting;

namespace OpenGaussScale.Core.Engines.PostgreSql.Actions;

/// <summary>
/// The new standby's replication credential (<see cref="ReplicationCredential"/>): its .pgpass line, its role on the
/// primary, then a replication connection from it to its upstream as that role until one succeeds (a cascade's
/// upstream is a standby, which has the role once it replayed it). Done when that connection succeeds, so a resumed
/// or repeated run keeps a credential that works and issues a new one otherwise.
/// </summary>
internal sealed class CredentialAction : StepAction
{
    private readonly ReplicationCredential _credential;
    private readonly NodeConfig _upstream;
    private readonly PlannedCommand _probe;

    public CredentialAction(NodeConfig standby, NodeConfig upstream, NodeConfig primary, string user, string environmentFile)
    {
        _credential = new ReplicationCredential(standby, primary, user, environmentFile);
        _upstream = upstream;
        _probe = _credential.Probe(upstream);
    }

    public override string Name => "credential";

    public override IReadOnlyList<PlannedCommand> Describe() => [.. _credential.Issue, _probe];

    // A repeat issues a new password over the one a cut command may have left half set: harmless, the role is the standby's own.
    public override bool RepeatableAfterConnectionLoss => true;

    public override async Task<bool> IsDoneAsync(StepContext context, CancellationToken cancellationToken) =>
        (await context.TryRunAsync(_probe, cancellationToken).ConfigureAwait(false)).Succeeded;

    public override async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await _credential.IssueAsync(context, journal: true, cancellationToken).ConfigureAwait(false);
        var last = "";
        var connected = await Poll.UntilAsync(
            async token =>
            {
                var result = await context.TryRunAsync(_probe, token).ConfigureAwait(false);
                last = result.Tail();
                return result.Succeeded;
            },
            context.Timeout, context.Clock, cancellationToken).ConfigureAwait(false);
        if (!connected)
        {
            throw new TimeoutException(
                $"{_credential.Standby.Name} cannot connect to {_upstream.Name} for replication as {_credential.Role} " +
                $"{context.Timeout.TotalSeconds:0} s after its password was set ({last})");
        }
    }
}
