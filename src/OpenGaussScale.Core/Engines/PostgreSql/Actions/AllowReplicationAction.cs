using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.State;

namespace OpenGaussScale.Core.Engines.PostgreSql.Actions;

/// <summary>
/// On the upstream, as the cluster user: add the new host's replication rule to pg_hba.conf (backup kept, the file
/// replaced atomically), reload, and check that the rule is loaded without errors.
/// </summary>
internal sealed class AllowReplicationAction : StepAction
{
    // $1 file, $2 backup suffix, $3 rule. Written to a temporary file next to it, then renamed over it.
    internal const string AddScript =
        "set -e; f=$1; cp -p \"$f\" \"$f.$2\"; { cat \"$f\"; printf '%s\\n' \"$3\"; } > \"$f.ogscale-tmp\"; " +
        "chmod --reference=\"$f\" \"$f.ogscale-tmp\"; sync \"$f.ogscale-tmp\" 2>/dev/null || true; mv -f \"$f.ogscale-tmp\" \"$f\"";

    internal const string HasRuleScript = "grep -qxF -- \"$2\" \"$1\"";

    private readonly NodeConfig _upstream;
    private readonly NodeConfig _standby;
    private readonly string _rule;
    private readonly string _hbaFile;
    private readonly PlannedCommand _add;
    private readonly PlannedCommand _reload;
    private readonly PlannedCommand _verify;
    private readonly PlannedCommand _has;

    public AllowReplicationAction(NodeConfig upstream, NodeConfig standby, string user, string environmentFile, string hbaFile, string backupSuffix)
    {
        _upstream = upstream;
        _standby = standby;
        _hbaFile = hbaFile;
        _rule = PgNames.ReplicationRule(user, standby.BackIp);
        _add = StepContextExtensions.AsUser(upstream, user, environmentFile, "sh", "-c", AddScript, "ogscale-hba", hbaFile, backupSuffix, _rule);
        _reload = PgSql.Command(upstream, user, environmentFile, "select pg_reload_conf()");
        _verify = PgSql.Command(upstream, user, environmentFile, "select count(*) from pg_hba_file_rules where error is not null");
        _has = StepContextExtensions.AsUser(upstream, user, environmentFile, "sh", "-c", HasRuleScript, "ogscale-hba-has", hbaFile, _rule);
        BackupPath = $"{hbaFile}.{backupSuffix}";
    }

    public string BackupPath { get; }

    public override string Name => "allow";

    public override IReadOnlyList<PlannedCommand> Describe() => [_add, _reload, _verify];

    public override async Task<bool> IsDoneAsync(StepContext context, CancellationToken cancellationToken) =>
        (await context.TryRunAsync(_has, cancellationToken).ConfigureAwait(false)).Succeeded;

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
}
