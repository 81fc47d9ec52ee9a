using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.State;

namespace OpenGaussScale.Core.Engines.PostgreSql.Actions;

/// <summary>
/// On a kept node: the targets' replication rules leave pg_hba.conf, each line only when it is exactly the rule ogscale
/// writes (never a substring), in one edit after a copy of the file; reload; the file must load without errors.
/// The undo copies the file back, so the rules return where they were.
/// </summary>
internal sealed class RemoveRulesAction : StepAction
{
    // $1 file, $2 backup, then the rules: every line exactly equal to one of them goes.
    private const string RemoveScript =
        "set -e; f=$1; b=$2; shift 2; cp -p \"$f\" \"$b\"; cp -p \"$f\" \"$f.ogscale-tmp\"; " +
        "for r in \"$@\"; do { grep -vxF -- \"$r\" \"$f.ogscale-tmp\" || true; } > \"$f.ogscale-tmp2\"; mv -f \"$f.ogscale-tmp2\" \"$f.ogscale-tmp\"; done; " +
        "chmod --reference=\"$f\" \"$f.ogscale-tmp\"; sync \"$f.ogscale-tmp\" 2>/dev/null || true; mv -f \"$f.ogscale-tmp\" \"$f\"";

    // Prints the rules present, one per line.
    private const string PresentScript = "f=$1; shift; for r in \"$@\"; do if grep -qxF -- \"$r\" \"$f\"; then printf '%s\\n' \"$r\"; fi; done";

    private readonly NodeConfig _node;
    private readonly string _hbaFile;
    private readonly string _backup;
    private readonly IReadOnlyList<string> _rules;
    private readonly string _user;
    private readonly string _environmentFile;

    public RemoveRulesAction(NodeConfig node, string user, string environmentFile, string hbaFile, IReadOnlyList<string> rules, string backupSuffix)
    {
        _node = node;
        _user = user;
        _environmentFile = environmentFile;
        _hbaFile = hbaFile;
        _backup = $"{hbaFile}.{backupSuffix}";
        _rules = rules;
    }

    public override string Name => "hba";

    public override IReadOnlyList<PlannedCommand> Describe() => [Remove(_rules), PgCommands.Reload(_node, _user, _environmentFile), Errors];

    public override async Task<bool> IsDoneAsync(StepContext context, CancellationToken cancellationToken) =>
        (await PresentAsync(context, cancellationToken).ConfigureAwait(false)).Count == 0;

    public override async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var present = await PresentAsync(context, cancellationToken).ConfigureAwait(false);
        await context.RecordChangeAsync(
            new ChangeRecord { Kind = ChangeKinds.ConfigFile, Host = _node.BackIp, Path = _hbaFile, BackupPath = _backup, OldValue = string.Join('\n', present) },
            cancellationToken).ConfigureAwait(false);
        await context.RunAsync(Remove(present), cancellationToken).ConfigureAwait(false);
        await context.RunAsync(PgCommands.Reload(_node, _user, _environmentFile), cancellationToken).ConfigureAwait(false);
        var errors = PgSql.Rows(await context.RunAsync(Errors, cancellationToken).ConfigureAwait(false));
        if (errors is not [["0"]] || (await PresentAsync(context, cancellationToken).ConfigureAwait(false)).Count > 0)
        {
            throw new InvalidOperationException($"{_node.Name}: pg_hba.conf still has the targets' rules or does not load after the edit (see pg_hba_file_rules)");
        }
    }

    private PlannedCommand Errors => PgSql.Command(_node, _user, _environmentFile, "select count(*) from pg_hba_file_rules where error is not null");

    private PlannedCommand Remove(IReadOnlyList<string> rules) =>
        StepContextExtensions.AsUser(_node, _user, _environmentFile, ["sh", "-c", RemoveScript, "ogscale-hba-remove", _hbaFile, _backup, .. rules]);

    private async Task<IReadOnlyList<string>> PresentAsync(StepContext context, CancellationToken cancellationToken)
    {
        var check = StepContextExtensions.AsUser(_node, _user, _environmentFile, ["sh", "-c", PresentScript, "ogscale-hba-present", _hbaFile, .. _rules]);
        var result = await context.RunAsync(check, cancellationToken).ConfigureAwait(false);
        return [.. result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }
}
