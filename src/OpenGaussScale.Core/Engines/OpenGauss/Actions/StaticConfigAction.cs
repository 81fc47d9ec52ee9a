using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.Remote;
using OpenGaussScale.Core.State;

namespace OpenGaussScale.Core.Engines.OpenGauss.Actions;

/// <summary>
/// The cluster's own record brought in line (reference 3.5): every reachable member's static config kept as a backup,
/// an XML of exactly the members written on the primary, `gs_om -t generateconf -X XML`, each member's file copied
/// from the primary to it (scp as the cluster user over the cluster's own trust, as the original does; a member that
/// cannot be reached keeps its old file and is reported; `--` ends scp's options, so "user@host:path" is always an
/// operand), then `gs_om -t status --detail` must list every member.
/// </summary>
internal sealed class StaticConfigAction : StepAction
{
    private const string BackupScript = "[ ! -f \"$1\" ] || cp -p \"$1\" \"$2\"";

    private readonly NodeConfig _primary;
    private readonly IReadOnlyList<NodeConfig> _members;
    private readonly IReadOnlyList<NodeConfig> _reachable;
    private readonly string _staticConfig;
    private readonly string _backupSuffix;
    private readonly string _user;
    private readonly string _environmentFile;
    private readonly PlannedCommand _write;
    private readonly PlannedCommand _generate;
    private readonly IReadOnlyList<PlannedCommand> _copies;
    private readonly PlannedCommand _status;

    public StaticConfigAction(
        ClusterConfig config, IReadOnlyList<NodeConfig> members, IReadOnlyList<NodeConfig> reachable, string xmlPath, string user, string environmentFile, string backupSuffix)
    {
        _primary = config.Primary;
        _members = members;
        _reachable = reachable;
        _user = user;
        _environmentFile = environmentFile;
        _backupSuffix = backupSuffix;
        _staticConfig = $"{config.AppPath.TrimEnd('/')}/bin/cluster_static_config";
        var xml = ClusterXmlSubset.Write(config, members.Select(m => m.BackIp).ToHashSet(StringComparer.Ordinal));
        _write = new PlannedCommand(_primary.BackIp, user, new RemoteCommand(["sh", "-c", AtomicWrite.Script, "ogscale-xml", xmlPath]) { StandardInput = xml });
        _generate = StepContextExtensions.AsUser(_primary, user, environmentFile, "gs_om", "-t", "generateconf", "-X", xmlPath);
        var generated = $"{config.ToolPath.TrimEnd('/')}/script/static_config_files/cluster_static_config_";
        _copies = [.. reachable.Select(m => m.BackIp == _primary.BackIp
            ? StepContextExtensions.AsUser(_primary, user, environmentFile, "cp", generated + m.Name, _staticConfig)
            : StepContextExtensions.AsUser(_primary, user, environmentFile,
                "scp", "-q", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes", "-P", m.SshPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--",
                generated + m.Name, $"{user}@{(m.SshIp.Contains(':', StringComparison.Ordinal) ? $"[{m.SshIp}]" : m.SshIp)}:{_staticConfig}"))];
        _status = OgCommands.Status(_primary, user, environmentFile);
    }

    public override string Name => "staticconf";

    public override IReadOnlyList<PlannedCommand> Describe() => [.. _reachable.Select(Backup), _write, _generate, .. _copies, _status];

    public override async Task<bool> IsDoneAsync(StepContext context, CancellationToken cancellationToken) =>
        ListsExactlyTheMembers(GsOmStatus.Parse((await context.TryRunAsync(_status, cancellationToken).ConfigureAwait(false)).StandardOutput));

    public override async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var member in _members.Where(m => !_reachable.Contains(m)))
        {
            context.Log.Warning("{Host}: cannot be reached; it keeps its old static config (run gs_om -t generateconf --distribute once it is back)", member.BackIp);
        }

        foreach (var member in _reachable)
        {
            var backup = Backup(member);
            await context.RecordChangeAsync(
                new ChangeRecord { Kind = ChangeKinds.File, Host = member.BackIp, Path = _staticConfig, BackupPath = $"{_staticConfig}.{_backupSuffix}" }, cancellationToken)
                .ConfigureAwait(false);
            await context.RunAsync(backup, cancellationToken).ConfigureAwait(false);
        }

        await context.RunAsync(_write, cancellationToken).ConfigureAwait(false);
        await context.RunAsync(_generate, cancellationToken).ConfigureAwait(false);
        foreach (var copy in _copies)
        {
            await context.RunAsync(copy, cancellationToken).ConfigureAwait(false);
        }

        var status = GsOmStatus.Parse((await context.RunAsync(_status, cancellationToken).ConfigureAwait(false)).StandardOutput);
        if (!ListsExactlyTheMembers(status))
        {
            throw new InvalidOperationException(
                $"gs_om -t status --detail lists [{string.Join(", ", status.DataNodes.Select(n => n.Ip))}] after generateconf, expected [{string.Join(", ", _members.Select(m => m.BackIp))}]");
        }
    }

    private PlannedCommand Backup(NodeConfig member) =>
        StepContextExtensions.AsUser(member, _user, _environmentFile, "sh", "-c", BackupScript, "ogscale-backup", _staticConfig, $"{_staticConfig}.{_backupSuffix}");

    private bool ListsExactlyTheMembers(GsOmStatus status) =>
        status.DataNodes.Select(n => n.Ip).Order(StringComparer.Ordinal).SequenceEqual(_members.Select(m => m.BackIp).Order(StringComparer.Ordinal), StringComparer.OrdinalIgnoreCase);
}
