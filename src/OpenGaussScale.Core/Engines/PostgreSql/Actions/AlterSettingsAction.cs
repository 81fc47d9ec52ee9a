using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.State;

namespace OpenGaussScale.Core.Engines.PostgreSql.Actions;

/// <summary>
/// Settings on a kept node (synchronous_standby_names without the targets): every old value journaled first (as the
/// probe read it with current_setting), ALTER SYSTEM, reload, and read back until each took effect.
/// </summary>
internal sealed class AlterSettingsAction : StepAction
{
    private readonly NodeConfig _node;
    private readonly IReadOnlyList<KeyValuePair<string, string>> _settings;
    private readonly IReadOnlyDictionary<string, string> _current;
    private readonly PlannedCommand _set;

    public AlterSettingsAction(NodeConfig node, string user, string environmentFile, IReadOnlyList<KeyValuePair<string, string>> settings, IReadOnlyDictionary<string, string> current)
    {
        _node = node;
        _settings = settings;
        _current = current;
        _set = PgSettings.Set(node, user, environmentFile, settings);
    }

    public override string Name => "guc";

    public override bool RepeatableAfterConnectionLoss => true;

    public override IReadOnlyList<KeyValuePair<string, string>> Settings => _settings;

    public override IReadOnlyList<PlannedCommand> Describe() => [_set];

    public override async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var (name, value) in _settings)
        {
            await context.RecordChangeAsync(
                new ChangeRecord { Kind = ChangeKinds.Setting, Host = _node.BackIp, Name = name, OldValue = _current.GetValueOrDefault(name) ?? "", NewValue = value },
                cancellationToken).ConfigureAwait(false);
        }

        await context.RunAsync(_set, cancellationToken).ConfigureAwait(false);
        if (!await PgSettings.TookEffectAsync(context, _node, _settings, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"{_node.Name}: {string.Join(", ", _settings.Select(s => s.Key))} did not take effect after the reload");
        }
    }
}
