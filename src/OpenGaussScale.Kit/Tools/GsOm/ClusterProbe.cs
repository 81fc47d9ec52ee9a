using System.Globalization;
using OpenGaussScale.Kit.Cli;
using OpenGaussScale.Kit.Cluster;
using OpenGaussScale.Kit.Remote;
using OpenGaussScale.Kit.Settings;
using OpenGaussScale.Kit.Status;
using OpenGaussScale.Kit.Tools.GsCtl;

namespace OpenGaussScale.Kit.Tools.GsOm;

/// <summary>
/// The cluster's state as gs_om's no-CM status gathers it (openGauss OM, DbClusterInfo.queryClsInfo): `gs_ctl query -D
/// DATADIR` for every data node of the static config, in parallel — on this host directly, on the others over SSH as the
/// current user after sourcing the env file, the same trust OM uses — each read by <see cref="QueryStatus"/>. A node's
/// pg_hba therefore does not decide whether gs_om sees it; its sshd does.
/// </summary>
public sealed class ClusterProbe
{
    private readonly KitServices _services;

    public ClusterProbe(KitServices services)
    {
        _services = services;
    }

    public IReadOnlyList<DatanodeStatusRow> Probe(StaticConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var hostName = Environment.MachineName;
        var environmentFile = RemoteHost.EnvironmentFileFor(_services.Context);
        var work = config.Cluster.Nodes
            .SelectMany(node => node.DataNodes.Select(dn => (Node: node, Instance: dn)))
            .ToList();
        var rows = new DatanodeStatusRow[work.Count];
        Parallel.For(0, work.Count, i =>
        {
            var (node, instance) = work[i];
            var (exitCode, output) = node.Id == config.LocalNodeId || node.Name == hostName
                ? QueryHere(instance.DataDirectory)
                : QueryOver(new RemoteHost(node.SshIp, environmentFile), instance.DataDirectory);
            var (role, state) = QueryStatus.Read(exitCode, output);
            rows[i] = new DatanodeStatusRow(
                node.Id, node.Name, node.BackIp, instance.Port, instance.InstanceId, instance.DataDirectory, InstanceTypes.Letter(instance.InstanceType), role, state);
        });

        // A one-instance cluster is shown as the primary it is, whatever its local_role says (Normal when standalone).
        return rows.Length == 1 ? [rows[0] with { Role = RoleRules.Primary }] : rows;
    }

    // gs_ctl query of this host's own instance, in this process (what `gs_ctl query -D` would print).
    private (int ExitCode, string Output) QueryHere(string dataDirectory)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        var context = _services.Context with { Out = text, Error = text };
        try
        {
            var exitCode = new QueryCommand(new KitServices(context)).Run(new DataDirectory(dataDirectory));
            return (exitCode, text.ToString());
        }
        catch (KitException e)
        {
            return (e.ExitCode, text + e.Message);
        }
    }

    private static (int ExitCode, string Output) QueryOver(RemoteHost host, string dataDirectory)
    {
        var result = host.Run(["gs_ctl", "query", "-D", dataDirectory]);
        return (result.ExitCode, result.StandardOutput + result.StandardError);
    }
}
