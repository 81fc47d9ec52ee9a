using System.Globalization;
using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.State;
using OpenGaussScale.Core.Waiting;

namespace OpenGaussScale.Core.Engines.PostgreSql.Actions;

/// <summary>
/// A cascade whose upstream is dropped streams from another standby of its AZ instead, before its old upstream stops:
/// its replication credential issued again (a new password in its .pgpass, its role on the primary: a cascade an
/// earlier ogscale added, which streamed as the cluster user, gets one), a slot (reserving WAL) and the replication rule
/// of its role on the new upstream, then the cascade's primary_conninfo (as its role) and
/// primary_slot_name (ALTER SYSTEM, reload: PostgreSQL restarts its WAL receiver), then polled until it streams from
/// the new upstream. Every change is journaled, so an undo points it back.
/// </summary>
internal sealed class RepointCascadeAction : StepAction
{
    private readonly NodeConfig _cascade;
    private readonly NodeConfig _upstream;
    private readonly string _slot;
    private readonly string _rule;
    private readonly string _hbaFile;
    private readonly string _backupSuffix;
    private readonly IReadOnlyList<KeyValuePair<string, string>> _settings;
    private readonly PlannedCommand _createSlot;
    private readonly PlannedCommand _hasRule;
    private readonly PlannedCommand _addRule;
    private readonly PlannedCommand _reloadUpstream;
    private readonly PlannedCommand _current;
    private readonly PlannedCommand _set;
    private readonly PlannedCommand _receiver;
    private readonly ReplicationCredential _credential;

    public RepointCascadeAction(NodeConfig cascade, NodeConfig upstream, NodeConfig primary, string user, string environmentFile, string upstreamHbaFile, string backupSuffix)
    {
        _cascade = cascade;
        _upstream = upstream;
        _slot = PgNames.SlotName(cascade);
        _credential = new ReplicationCredential(cascade, primary, user, environmentFile);
        _rule = PgNames.ReplicationRule(_credential.Role, cascade.BackIp);
        _hbaFile = upstreamHbaFile;
        _backupSuffix = backupSuffix;
        _settings =
        [
            new("primary_conninfo", $"user={_credential.Role} host={upstream.BackIp} port={upstream.Port.ToString(CultureInfo.InvariantCulture)} application_name={PgNames.ApplicationName(cascade)}"),
            new("primary_slot_name", _slot),
        ];
        _createSlot = PgCommands.CreateSlot(upstream, user, environmentFile, _slot);
        _hasRule = StepContextExtensions.AsUser(upstream, user, environmentFile, "sh", "-c", AllowReplicationAction.HasRuleScript, "ogscale-hba-has", upstreamHbaFile, _rule);
        _addRule = PgCommands.AddRule(upstream, user, environmentFile, upstreamHbaFile, _rule, backupSuffix);
        _reloadUpstream = PgCommands.Reload(upstream, user, environmentFile);
        _current = PgSettings.Read(cascade, user, environmentFile, _settings.Select(s => s.Key));
        _set = PgSettings.Set(cascade, user, environmentFile, _settings);
        _receiver = PgSql.Command(cascade, user, environmentFile, "select coalesce((select status || '|' || coalesce(sender_host, '') from pg_stat_wal_receiver limit 1), 'none|')");
    }

    public override string Name => "repoint";

    public override IReadOnlyList<KeyValuePair<string, string>> Settings => _settings;

    public override IReadOnlyList<PlannedCommand> Describe() => [.. _credential.Issue, _createSlot, _addRule, _reloadUpstream, _set, _receiver];

    public override async Task<bool> IsDoneAsync(StepContext context, CancellationToken cancellationToken) =>
        PgSql.FirstRow(await context.TryRunAsync(_receiver, cancellationToken).ConfigureAwait(false)) is ["streaming", var host] && host == _upstream.BackIp;

    public override async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);

        // The new upstream has the role once it replayed it; the cascade's WAL receiver tries again until then (the poll below).
        await _credential.IssueAsync(context, journal: true, cancellationToken).ConfigureAwait(false);
        var slots = PgSql.Rows(await context.RunAsync(PgSql.Command(_upstream, context.User, context.EnvironmentFile, PgProbe.SlotsSql), cancellationToken).ConfigureAwait(false));
        if (!slots.Any(r => r[0] == _slot))
        {
            await context.RecordChangeAsync(new ChangeRecord { Kind = ChangeKinds.Slot, Host = _upstream.BackIp, Name = _slot, NewValue = "created" }, cancellationToken).ConfigureAwait(false);
            await context.RunAsync(_createSlot, cancellationToken).ConfigureAwait(false);
        }

        if (!(await context.TryRunAsync(_hasRule, cancellationToken).ConfigureAwait(false)).Succeeded)
        {
            await context.RecordChangeAsync(
                new ChangeRecord { Kind = ChangeKinds.Hba, Host = _upstream.BackIp, NewValue = _rule, Path = _hbaFile, BackupPath = $"{_hbaFile}.{_backupSuffix}" }, cancellationToken)
                .ConfigureAwait(false);
            await context.RunAsync(_addRule, cancellationToken).ConfigureAwait(false);
            await context.RunAsync(_reloadUpstream, cancellationToken).ConfigureAwait(false);
        }

        var current = PgSettings.Values(await context.RunAsync(_current, cancellationToken).ConfigureAwait(false)) ?? [];
        for (var i = 0; i < _settings.Count; i++)
        {
            await context.RecordChangeAsync(
                new ChangeRecord { Kind = ChangeKinds.Setting, Host = _cascade.BackIp, Name = _settings[i].Key, OldValue = current.ElementAtOrDefault(i) ?? "", NewValue = _settings[i].Value },
                cancellationToken).ConfigureAwait(false);
        }

        await context.RunAsync(_set, cancellationToken).ConfigureAwait(false);
        var last = "";
        var streaming = await Poll.UntilAsync(
            async token =>
            {
                var row = PgSql.FirstRow(await context.TryRunAsync(_receiver, token).ConfigureAwait(false));
                last = row is null ? "no answer" : string.Join(" from ", row);
                return row is ["streaming", var host] && host == _upstream.BackIp;
            },
            context.Timeout, context.Clock, cancellationToken).ConfigureAwait(false);
        if (!streaming)
        {
            throw new TimeoutException($"{_cascade.Name} does not stream from {_upstream.Name} {context.Timeout.TotalSeconds:0} s after it was re-pointed ({last})");
        }
    }
}
