using System.Globalization;
using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Model;
using OpenGaussScale.Core.Preflight;

namespace OpenGaussScale.Core.Engines.OpenGauss;

/// <summary>The openGauss-specific expansion checks (reference 2.1 items 5, 11, 18, 20, the version check and the XML covering every member), pure over the probe.</summary>
internal static class OgExpandChecks
{
    public static IEnumerable<CheckResult> Run(ExpandRequest request, ClusterState state)
    {
        var config = request.Config;
        var primary = state.Primary.Node.BackIp;
        var facts = OgFacts.Of(state);

        yield return facts.StatusSucceeded
            ? CheckResult.Pass("cluster-status", primary, $"gs_om -t status --detail: cluster_state {state.ClusterStateText}")
            : CheckResult.Fail("cluster-status", primary, false, $"gs_om -t status --detail failed on the primary: {facts.StatusError}",
                "check the cluster user's environment and the static config on the primary");

        foreach (var result in XmlMembers(config, facts, primary))
        {
            yield return result;
        }

        var environment = facts.Environment;
        foreach (var (name, expected, actual) in new[] { ("GAUSSHOME", config.AppPath, environment.GaussHome), ("GPHOME", config.ToolPath, environment.GpHome), ("PGHOST", config.TmpPath, environment.PgHost) })
        {
            if (actual is null)
            {
                yield return CheckResult.Fail("environment", primary, false,
                    $"{name} is not set in the environment of {request.User} on the primary (GAUSS-51802)",
                    $"source the cluster's environment file in ~{request.User}/.bashrc, or pass it with --env-file");
            }
            else if (expected is not null && !string.Equals(actual, expected.TrimEnd('/'), StringComparison.Ordinal))
            {
                yield return CheckResult.Fail("environment", primary, false,
                    $"{name} is {actual} on the primary but the XML says {expected} (GAUSS-35711)",
                    "use the XML the cluster was installed with");
            }
            else
            {
                yield return CheckResult.Pass("environment", primary, $"{name}={actual}");
            }
        }

        if (!request.LocalMode)
        {
            yield return facts.PackageError is { } error
                ? CheckResult.Fail("package", primary, false, error, "pass the directory of the unpacked release with --package (openGauss-Server-*.tar.bz2, its .sha256, openGauss-OM-*.tar.gz)")
                : CheckResult.Pass("package", primary, $"{Path.GetFileName(facts.Package!.Server)} matches its sha256");
        }

        foreach (var member in state.Members)
        {
            var listedDir = member.Settings.GetValueOrDefault("status_data_dir");
            if (listedDir is not null && listedDir.TrimEnd('/') != member.Node.DataDir)
            {
                yield return CheckResult.Fail("xml-consistency", member.Node.BackIp, false,
                    $"dataNode of {member.Node.BackIp} in xml ({member.Node.DataDir}) is not consistent with that in cluster ({listedDir}) (GAUSS-35711)",
                    "use the XML the cluster was installed with, extended by the new hosts");
            }

            var az = member.Settings.GetValueOrDefault("available_zone");
            if (member.Node.Role != NodeRole.Primary && az is not null && az != member.Node.AzName)
            {
                yield return CheckResult.Fail("xml-consistency", member.Node.BackIp, false,
                    $"azName of {member.Node.BackIp} in xml ({member.Node.AzName}) is not consistent with that in cluster ({az}) (GAUSS-35711)",
                    "correct azName in the XML");
            }
        }

        if (state.Primary.Version is null)
        {
            yield return CheckResult.Fail("version", primary, false, "gaussdb --version gives no version on the primary", "check the cluster user's PATH on the primary");
        }
        else if (request.LocalMode)
        {
            foreach (var node in request.NewNodes.Select(n => state[n.BackIp]))
            {
                yield return node.Version == state.Primary.Version
                    ? CheckResult.Pass("version", node.Node.BackIp, $"{node.Node.Name} runs {node.Version}")
                    : CheckResult.Fail("version", node.Node.BackIp, false,
                        $"{node.Node.Name} runs {node.Version ?? "no openGauss"}, the primary {state.Primary.Version} (GAUSS-35708)",
                        "with -L the new host must already run the primary's version, installed the same way");
            }
        }

        var fromPrimary = request.NewNodes.Count(n => !n.IsCascade);
        var maxSenders = Number(state.Primary.Settings.GetValueOrDefault("max_wal_senders"));
        var senders = Number(state.Primary.Settings.GetValueOrDefault("senders"));
        if (maxSenders > 0)
        {
            yield return maxSenders - senders >= fromPrimary
                ? CheckResult.Pass("capacity", primary, $"{maxSenders - senders} free WAL senders for {fromPrimary} new standbys")
                : CheckResult.Fail("capacity", primary, false,
                    $"max_wal_senders is {maxSenders} and {senders} are in use; {fromPrimary} new standbys need {fromPrimary} more",
                    "raise max_wal_senders on the primary (a restart is needed), or add fewer hosts");
        }
    }

    // gs_expansion refuses an XML that leaves out a node of the static config: check_xml_config -> compare_cluster_info
    // -> find_right_node raises "Node {0} not config in XML." (openGauss-OM script/gs_expansion lines 599-610 and
    // 663-670, commit 792253f). ogscale must too: its mesh and regenerated static config come from the XML's nodes, so
    // a left-out standby or cascade (running or not) would lose its replconninfo entries on every node and its place in
    // the static config. gs_om -t status lists every static-config member, down ones included.
    internal static IEnumerable<CheckResult> XmlMembers(ClusterConfig config, OgFacts facts, string primary)
    {
        var missing = OgXmlCoverage.MissingMembers(config, facts);
        if (missing.Count == 0)
        {
            if (facts.Members.Count > 0)
            {
                yield return CheckResult.Pass("xml-members", primary, $"every member of the cluster ({facts.Members.Count}) has a DEVICE in the XML");
            }

            yield break;
        }

        foreach (var ip in missing)
        {
            var node = OgXmlCoverage.Describe(ip, facts);
            yield return CheckResult.Fail("xml-members", ip, false,
                $"{node} is a member of the cluster (gs_om -t status) but has no DEVICE in {config.FilePath}; gs_expansion refuses such an XML "
                    + "(\"not config in XML\"): expanding with it would remove the node's replconninfo entries from every node and drop it from the static config",
                $"add the DEVICE of {node} to the XML (the XML the cluster was installed with, extended by the new hosts), or drop it first with `ogscale dropnode -h {ip}`");
        }
    }

    private static int Number(string? text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
