using OpenGaussScale.Kit.Cluster;
using OpenGaussScale.Kit.Postgres;

namespace OpenGaussScale.Kit.Status;

/// <summary>Asks every data node of the static config for its state over TCP; a node that does not answer is Down.</summary>
public sealed class ClusterProbe
{
    private readonly NodeProbe _probe;

    public ClusterProbe(NodeProbe probe)
    {
        _probe = probe;
    }

    public IReadOnlyList<DatanodeStatusRow> Probe(ClusterDescription cluster, string user)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var work = cluster.Nodes
            .SelectMany(node => node.DataNodes.Select(dn => (Node: node, Instance: dn)))
            .ToList();
        var rows = new DatanodeStatusRow[work.Count];
        Parallel.For(0, work.Count, i =>
        {
            var (node, instance) = work[i];
            var address = instance.ListenIps.Count > 0 ? instance.ListenIps[0] : node.BackIp;
            var (live, _) = _probe.Probe(new ConnectionTarget(address, instance.Port, user));
            var letter = InstanceTypes.Letter(instance.InstanceType);
            string role;
            string state;
            if (live is null)
            {
                (role, state) = ("Down", "Unknown");
            }
            else
            {
                var ha = RoleRules.Derive(live);

                // gs_om shows a standalone instance (local_role Normal) as the primary it is.
                role = ha.LocalRole == RoleRules.Normal ? RoleRules.Primary : ha.LocalRole;
                state = ha.DbState == RoleRules.NeedRepair ? $"{ha.DbState}({ha.DetailInformation})" : ha.DbState;
            }

            rows[i] = new DatanodeStatusRow(node.Id, node.Name, node.BackIp, instance.Port, instance.InstanceId, instance.DataDirectory, letter, role, state);
        });
        return rows;
    }
}
