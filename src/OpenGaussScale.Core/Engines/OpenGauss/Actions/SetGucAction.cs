using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.State;

namespace OpenGaussScale.Core.Engines.OpenGauss.Actions;

/// <summary>
/// Settings on one node through gs_guc: `reload` when its database runs (the original forgets existing standbys,
/// reference 7.3 #7), `set` otherwise; every old value journaled first; afterwards `gs_guc check` must read them back.
/// </summary>
internal sealed class SetGucAction : StepAction
{
    private readonly NodeConfig _node;
    private readonly IReadOnlyList<KeyValuePair<string, string>> _settings;
    private readonly IReadOnlyDictionary<string, string> _current;
    private readonly Func<IReadOnlySet<string>?, PlannedCommand> _set;
    private readonly PlannedCommand _check;

    public SetGucAction(NodeConfig node, string user, string environmentFile, IReadOnlyList<KeyValuePair<string, string>> settings, IReadOnlyDictionary<string, string> current, bool reload)
    {
        _node = node;
        _settings = settings;
        _current = current;
        _set = commentOut => OgCommands.GucSet(node, user, environmentFile, settings, reload, commentOut);
        _check = OgCommands.GucCheck(node, user, environmentFile, settings.Select(s => s.Key));
    }

    public override string Name => "guc";

    public override bool RepeatableAfterConnectionLoss => true;

    public override IReadOnlyList<KeyValuePair<string, string>> Settings => _settings;

    public override IReadOnlyList<PlannedCommand> Describe() => _settings.Count == 0 ? [] : [_set(null)];

    public override async Task<bool> IsDoneAsync(StepContext context, CancellationToken cancellationToken) =>
        _settings.Count == 0 || await SettingsMatchAsync(context, cancellationToken).ConfigureAwait(false);

    public override async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var (name, value) in _settings)
        {
            await context.RecordChangeAsync(
                new ChangeRecord { Kind = ChangeKinds.Setting, Host = _node.BackIp, Name = name, OldValue = _current.GetValueOrDefault(name), NewValue = value },
                cancellationToken).ConfigureAwait(false);
        }

        await context.RunAsync(_set(UnsetBeforeThisRun(context)), cancellationToken).ConfigureAwait(false);
        if (!await SettingsMatchAsync(context, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"{_node.Name}: gs_guc check does not read back the values just set ({string.Join(", ", _settings.Select(s => s.Key))})");
        }
    }

    // A setting cleared again that this run found unset (its first journaled old value on this node is none) is
    // commented out, not set to '' (a failed host's clean-up): the node's active settings are then as before the run.
    private HashSet<string> UnsetBeforeThisRun(StepContext context) =>
        context.Journal.Changes
            .Where(c => c.Change.Kind == ChangeKinds.Setting && c.Change.Host == _node.BackIp && c.Change.Name is not null)
            .GroupBy(c => c.Change.Name!, StringComparer.Ordinal)
            .Where(g => g.First().Change.OldValue is null)
            .Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal);

    private async Task<bool> SettingsMatchAsync(StepContext context, CancellationToken cancellationToken)
    {
        var result = await context.TryRunAsync(_check, cancellationToken).ConfigureAwait(false);
        var values = GsGucCheck.Parse(result.StandardOutput);
        return result.Succeeded && _settings.All(s => Same(values.GetValueOrDefault(s.Key), s.Value));
    }

    // An empty value reads back as unset; replconninfo values compare by their fields.
    private static bool Same(string? actual, string wanted) =>
        string.IsNullOrEmpty(wanted) ? string.IsNullOrEmpty(actual)
            : actual == wanted || (ReplConnInfo.TryParse(actual) is { } a && a == ReplConnInfo.TryParse(wanted));
}
