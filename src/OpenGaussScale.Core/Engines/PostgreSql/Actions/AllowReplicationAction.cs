using System.Globalization;
using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.State;

namespace OpenGaussScale.Core.Engines.PostgreSql.Actions;

/// <summary>
/// On the upstream, as the cluster user: add the new host's replication rule to pg_hba.conf (its own replication role
/// from its address, with its password: scram-sha-256; see <see cref="PgNames.ReplicationRule"/>) (backup kept, the file
/// replaced atomically), reload, and check that the rule is loaded without errors. Every part is safe to repeat (the
/// rule is added only when missing, a reload changes nothing twice), so a command cut by a dropped connection repeats
/// the step; it counts as done only when the rule is in the file and the server loaded the file after its last change.
/// </summary>
internal sealed class AllowReplicationAction : StepAction
{
    // $1 file, $2 backup suffix, $3 rule. Nothing happens when the rule is there already (a repeat keeps the backup
    // taken before the first add); otherwise written to a temporary file next to it, then renamed over it.
    internal const string AddScript =
        "set -e; f=$1; if grep -qxF -- \"$3\" \"$f\"; then exit 0; fi; cp -p \"$f\" \"$f.$2\"; { cat \"$f\"; printf '%s\\n' \"$3\"; } > \"$f.ogscale-tmp\"; " +
        "chmod --reference=\"$f\" \"$f.ogscale-tmp\"; sync \"$f.ogscale-tmp\" 2>/dev/null || true; mv -f \"$f.ogscale-tmp\" \"$f\"";

    // $1 file, $2 rule: succeeds and prints the file's modification time (seconds since the epoch, nanoseconds) when
    // the rule is in it.
    internal const string HasRuleScript = "grep -qxF -- \"$2\" \"$1\" && stat -c %.9Y \"$1\"";

    private readonly NodeConfig _upstream;
    private readonly NodeConfig _standby;
    private readonly string _rule;
    private readonly string _hbaFile;
    private readonly PlannedCommand _add;
    private readonly PlannedCommand _reload;
    private readonly PlannedCommand _verify;
    private readonly PlannedCommand _has;
    private readonly PlannedCommand _loadedAt;

    public AllowReplicationAction(NodeConfig upstream, NodeConfig standby, string user, string environmentFile, string hbaFile, string backupSuffix)
    {
        _upstream = upstream;
        _standby = standby;
        _hbaFile = hbaFile;
        _rule = PgNames.ReplicationRule(PgNames.ReplicationRole(standby), standby.BackIp);
        _add = StepContextExtensions.AsUser(upstream, user, environmentFile, "sh", "-c", AddScript, "ogscale-hba", hbaFile, backupSuffix, _rule);
        _reload = PgSql.Command(upstream, user, environmentFile, "select pg_reload_conf()");
        _verify = PgSql.Command(upstream, user, environmentFile, "select count(*) from pg_hba_file_rules where error is not null");
        _has = StepContextExtensions.AsUser(upstream, user, environmentFile, "sh", "-c", HasRuleScript, "ogscale-hba-has", hbaFile, _rule);
        _loadedAt = PgSql.Command(upstream, user, environmentFile, "select extract(epoch from pg_conf_load_time())");
        BackupPath = $"{hbaFile}.{backupSuffix}";
    }

    public string BackupPath { get; }

    public override string Name => "allow";

    public override IReadOnlyList<PlannedCommand> Describe() => [_add, _reload, _verify];

    public override bool RepeatableAfterConnectionLoss => true;

    public override async Task<bool> IsDoneAsync(StepContext context, CancellationToken cancellationToken)
    {
        // A rule added by a run cut before its reload is in the file but not in force: not done, so the step repeats
        // (its add then changes nothing and the reload follows).
        var has = await context.TryRunAsync(_has, cancellationToken).ConfigureAwait(false);
        if (!has.Succeeded || !TryEpoch(has.StandardOutput, out var changedAt))
        {
            return false;
        }

        var loaded = PgSql.FirstRow(await context.TryRunAsync(_loadedAt, cancellationToken).ConfigureAwait(false));
        return loaded is not null && TryEpoch(loaded[0], out var loadedAt) && loadedAt > changedAt;
    }

    public override async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.RecordChangeAsync(
            new ChangeRecord { Kind = ChangeKinds.Hba, Host = _upstream.BackIp, NewValue = _rule, Path = _hbaFile, BackupPath = BackupPath },
            cancellationToken).ConfigureAwait(false);
        await context.RunAsync(_add, cancellationToken).ConfigureAwait(false);
        await context.RunAsync(_reload, cancellationToken).ConfigureAwait(false);
        var errors = PgSql.Rows(await context.RunAsync(_verify, cancellationToken).ConfigureAwait(false));
        if (errors.Count != 1 || errors[0][0] != "0")
        {
            throw new InvalidOperationException($"{_upstream.Name}: pg_hba.conf has errors after adding the rule for {_standby.Name}; see pg_hba_file_rules");
        }
    }

    private static bool TryEpoch(string text, out decimal seconds) =>
        decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out seconds);
}
