using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.Remote;
using OpenGaussScale.Core.State;
using System.Globalization;
using OpenGaussScale.Core.Waiting;

namespace OpenGaussScale.Core.Engines.PostgreSql.Actions;

/// <summary>
/// On the new host, as the cluster user: pg_basebackup from the upstream into the empty data directory as the
/// standby's replication role, writing standby.signal and primary_conninfo (that role, application_name = the XML node
/// name) with the slot; then the node's own
/// listen address, when the copied configuration names the upstream's. A copy an interrupted run left half done is
/// emptied first (only when that run's journal says ogscale filled the directory).
/// </summary>
internal sealed class BaseBackupAction : StepAction
{
    private const string AppendScript = "printf '%s\\n' \"$2\" >> \"$1/postgresql.auto.conf\"";

    // The copy is finished only when no pg_basebackup works in the directory any more (a SIGKILLed run's copy goes on
    // without it, and writes standby.signal before its WAL stream ends) and the node's own listen address, which a
    // separate command appends, is there (the CI sample resumed a killed run whose copy pg_basebackup had finished on
    // its own, without that line, and the standby could not start on the upstream's address).
    private const string DoneScript = LeftoverData.WorkingInFunction + """
        [ -f "$1/PG_VERSION" ] && [ -f "$1/standby.signal" ] \
          && [ -z "$(working_in "^[^ ]*pg_basebackup .*$1( |/|$)" "$1")" ] \
          && { [ -z "$2" ] || grep -qxF -- "$2" "$1/postgresql.auto.conf"; }
        """;

    private readonly NodeConfig _node;
    private readonly IReadOnlyList<PlannedCommand> _commands;
    private readonly PlannedCommand _backup;
    private readonly PlannedCommand _size;
    private readonly PlannedCommand _done;

    public BaseBackupAction(NodeConfig node, NodeConfig upstream, string user, string environmentFile, string? listenAddresses, bool clearLeftover = false)
    {
        _node = node;
        // As the standby's replication role, its password from the cluster user's .pgpass (never prompted for; PGPASSWORD,
        // which libpq prefers, removed). -R writes primary_conninfo with what libpq was given (user, passfile, host,
        // port, application_name); a password read from the .pgpass is not among them (libpq keeps it per host since
        // PostgreSQL 10, PQconninfo reports only a password given explicitly), so none lands in postgresql.auto.conf.
        // No time limit of its own: a copy that moves may take as long as it needs; one whose data directory stops
        // growing for the stall limit is stopped (ExecuteAsync).
        _backup = new PlannedCommand(node.BackIp, user, new RemoteCommand(
        [
            "env", "-u", "PGPASSWORD",
            "pg_basebackup", "-h", upstream.BackIp, "-p", upstream.Port.ToString(CultureInfo.InvariantCulture), "-U", PgNames.ReplicationRole(node), "-w",
            "-D", node.DataDir, "-X", "stream", "-c", "fast", "-S", PgNames.SlotName(node), "-R",
            "-d", $"application_name={PgNames.ApplicationName(node)}",
        ])
        { EnvironmentFile = environmentFile, Timeout = Timeout.InfiniteTimeSpan });
        _size = CopyProgress.SizeCommand(node, user, environmentFile);
        var commands = new List<PlannedCommand>();
        if (clearLeftover)
        {
            commands.Add(LeftoverData.Clear(node, user, environmentFile));
        }

        commands.Add(_backup);
        var listenLine = listenAddresses is null ? null : $"listen_addresses = {PgNames.Literal(listenAddresses)}";
        if (listenLine is not null)
        {
            commands.Add(StepContextExtensions.AsUser(node, user, environmentFile, "sh", "-c", AppendScript, "ogscale-listen", node.DataDir, listenLine));
        }

        _commands = commands;
        _done = CopyFinished(node, user, environmentFile, listenLine);
    }

    /// <summary>Succeeds when the copy into the node's data directory is complete (see DoneScript).</summary>
    internal static PlannedCommand CopyFinished(NodeConfig node, string user, string environmentFile, string? listenLine) =>
        StepContextExtensions.AsUser(node, user, environmentFile, "sh", "-c", DoneScript, "ogscale-backup-done", node.DataDir, listenLine ?? "");

    public override string Name => "basebackup";

    public override IReadOnlyList<PlannedCommand> Describe() => _commands;

    public override async Task<bool> IsDoneAsync(StepContext context, CancellationToken cancellationToken) =>
        (await context.TryRunAsync(_done, cancellationToken).ConfigureAwait(false)).Succeeded;

    public override async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.RecordChangeAsync(new ChangeRecord { Kind = ChangeKinds.DataCopy, Host = _node.BackIp, Path = _node.DataDir }, cancellationToken).ConfigureAwait(false);
        foreach (var command in _commands)
        {
            if (command == _backup)
            {
                await CopyAsync(context, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await context.RunAsync(command, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // pg_basebackup runs on its channel while its data directory is measured on another; a stall cancels the copy
    // (which stops its process group on the node).
    private async Task CopyAsync(StepContext context, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var copy = context.RunAsync(_backup, stop.Token);
        var watch = new StallWatch(context.Timeout, context.Clock);
        var stalled = false;
        await Poll.UntilAsync(
            async token => copy.IsCompleted || (stalled = await CopyProgress.StalledAsync(context, _size, watch, token).ConfigureAwait(false)),
            Timeout.InfiniteTimeSpan,
            context.Clock,
            cancellationToken).ConfigureAwait(false);
        if (!stalled)
        {
            await copy.ConfigureAwait(false);
            return;
        }

        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await copy.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The stall stopped it; said below.
        }

        throw new TimeoutException($"pg_basebackup into {_node.Name}:{_node.DataDir} was stopped: {CopyProgress.Stall(watch)}");
    }
}
