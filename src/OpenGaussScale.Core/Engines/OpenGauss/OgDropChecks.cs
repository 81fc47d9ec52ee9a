using OpenGaussScale.Core.Model;
using OpenGaussScale.Core.Preflight;

namespace OpenGaussScale.Core.Engines.OpenGauss;

/// <summary>The openGauss-specific checks of a drop, pure over the probe.</summary>
internal static class OgDropChecks
{
    public static IEnumerable<CheckResult> Run(DropnodeRequest request, ClusterState state)
    {
        var primary = state.Primary.Node.BackIp;
        var facts = OgFacts.Of(state);
        yield return facts.StatusSucceeded
            ? CheckResult.Pass("cluster-status", primary, $"gs_om -t status --detail: cluster_state {state.ClusterStateText}")
            : CheckResult.Fail("cluster-status", primary, false, $"gs_om -t status --detail failed on the primary: {facts.StatusError}",
                "check the cluster user's environment and the static config on the primary");

        yield return facts.Environment.PgHost is { } pgHost
            ? CheckResult.Pass("environment", primary, $"PGHOST={pgHost}")
            : CheckResult.Fail("environment", primary, false, $"the environmental variable $PGHOST is empty for {request.User} on the primary (GAUSS-51800)",
                $"source the cluster's environment file in ~{request.User}/.bashrc, or pass it with --env-file");

        // With -X the file must describe the running cluster: every gs_om member in it, with the same data directory.
        if (!request.LiveTopology)
        {
            foreach (var ip in OgXmlCoverage.MissingMembers(request.Config, facts))
            {
                yield return CheckResult.Fail("xml-consistency", ip, false,
                    $"{ip} is a member of the cluster (gs_om -t status) but not in {request.Config.FilePath} (GAUSS-35711)",
                    "use the XML of the running cluster, or leave out -X to read the topology from the cluster");
            }

            foreach (var member in state.Members)
            {
                var listedDir = member.Settings.GetValueOrDefault("status_data_dir");
                var listedName = member.Settings.GetValueOrDefault("status_node_name");
                if ((listedDir is not null && listedDir.TrimEnd('/') != member.Node.DataDir) || (listedName is not null && listedName != member.Node.Name))
                {
                    yield return CheckResult.Fail("xml-consistency", member.Node.BackIp, false,
                        $"{member.Node.BackIp} is {member.Node.Name} {member.Node.DataDir} in the XML but {listedName} {listedDir} in the cluster (GAUSS-35711)",
                        "use the XML of the running cluster, or leave out -X");
                }
            }
        }
        else
        {
            foreach (var kept in DropTopology.Kept(request, state).Where(k => k.Reachable && !k.Settings.ContainsKey("available_zone")))
            {
                yield return CheckResult.Fail("topology", kept.Node.BackIp, false,
                    $"{kept.Node.Name}: available_zone is not set, so its AZ for the static config is unknown",
                    "pass the cluster XML with -X");
            }
        }

        // openGauss re-points a cascade by itself only on a real cluster's walreceiver; ogscale does not rely on it.
        foreach (var orphan in DropTopology.Orphans(request, state))
        {
            var upstream = state[orphan.Upstream!].Node;
            yield return CheckResult.Fail("cascade", orphan.Node.BackIp, false,
                $"cascade standby {orphan.Node.Name} streams from {upstream.Name}, which is being dropped",
                $"drop it too (add {orphan.Node.BackIp} to -h), or rebuild it from another standby first");
        }
    }
}
