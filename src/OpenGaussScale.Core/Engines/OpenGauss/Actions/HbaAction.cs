using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.State;

namespace OpenGaussScale.Core.Engines.OpenGauss.Actions;

/// <summary>
/// pg_hba rules on one node through `gs_guc set|reload -h` (reference 3.3): rules added with their method, or removed
/// with the documented removal form (no method; gs_dropnode 6.0.3+ passes the method and removes nothing, reference
/// 7.3 #1). Checked afterwards by comparing the fields of the active lines of pg_hba.conf (there is no gs_guc check
/// for hba), never by a substring.
/// </summary>
internal sealed class HbaAction : StepAction
{
    // $1 file, then the fields of one rule: true when an active (uncommented) line has exactly those leading fields.
    // With a method the whole line must match; without one (removal form) the first four fields.
    private const string HasRuleScript =
        "f=$1; shift; awk -v want=\"$*\" 'BEGIN { n = split(want, w, \" \") } " +
        "{ if ($1 ~ /^#/) next; m = 0; for (i = 1; i <= n; i++) if ($i == w[i]) m++; if (m == n && (n == 4 || NF == n)) found = 1 } " +
        "END { exit found ? 0 : 1 }' \"$f\"";

    private readonly NodeConfig _node;
    private readonly IReadOnlyList<HbaEntry> _entries;
    private readonly bool _remove;
    private readonly IReadOnlyList<PlannedCommand> _commands;
    private readonly string _user;
    private readonly string _environmentFile;

    public HbaAction(NodeConfig node, string user, string environmentFile, IReadOnlyList<HbaEntry> entries, bool remove, bool reload)
    {
        _node = node;
        _entries = entries;
        _remove = remove;
        _user = user;
        _environmentFile = environmentFile;
        _commands = [.. entries.Select(e => OgCommands.Hba(node, user, environmentFile, remove ? e.ToRemovalRule() : e.ToRule(), reload))];
    }

    public override string Name => _remove ? "unhba" : "hba";

    public override bool RepeatableAfterConnectionLoss => true;

    public override IReadOnlyList<PlannedCommand> Describe() => _commands;

    public override async Task<bool> IsDoneAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var entry in _entries)
        {
            if (await HasRuleAsync(context, entry, cancellationToken).ConfigureAwait(false) == _remove)
            {
                return false;
            }
        }

        return true;
    }

    public override async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        for (var i = 0; i < _entries.Count; i++)
        {
            var entry = _entries[i];
            if (await HasRuleAsync(context, entry, cancellationToken).ConfigureAwait(false) != _remove)
            {
                continue;
            }

            await context.RecordChangeAsync(
                new ChangeRecord
                {
                    Kind = ChangeKinds.Hba,
                    Host = _node.BackIp,
                    NewValue = _remove ? null : entry.ToRule(),
                    OldValue = _remove ? entry.ToRule() : null,
                    Path = $"{_node.DataDir}/pg_hba.conf",
                },
                cancellationToken).ConfigureAwait(false);
            await context.RunAsync(_commands[i], cancellationToken).ConfigureAwait(false);
            if (await HasRuleAsync(context, entry, cancellationToken).ConfigureAwait(false) == _remove)
            {
                throw new InvalidOperationException($"{_node.Name}: pg_hba.conf {(_remove ? "still has" : "does not have")} `{entry.ToRule()}` after gs_guc");
            }
        }
    }

    private async Task<bool> HasRuleAsync(StepContext context, HbaEntry entry, CancellationToken cancellationToken)
    {
        var fields = (_remove ? entry.ToRemovalRule() : entry.ToRule()).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var check = StepContextExtensions.AsUser(_node, _user, _environmentFile, ["sh", "-c", HasRuleScript, "ogscale-hba-has", $"{_node.DataDir}/pg_hba.conf", .. fields]);
        return (await context.TryRunAsync(check, cancellationToken).ConfigureAwait(false)).Succeeded;
    }
}
