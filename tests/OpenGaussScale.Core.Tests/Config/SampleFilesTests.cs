using OpenGaussScale.Core.Config;

namespace OpenGaussScale.Core.Tests.Config;

/// <summary>Every sample XML (openGauss's documentation examples and the constructed ones) parses into the expected cluster.</summary>
public sealed class SampleFilesTests
{
    private const string DocsDir = "/opt/huawei/install/data/dn";

    [Fact]
    public void Docs_single_node_is_one_primary()
    {
        var config = Load("docs-en-single-node.xml");
        Assert.Equal("dbCluster", config.ClusterName);
        var node = Assert.Single(config.Nodes);
        Assert.Equal(("node1_hostname", NodeRole.Primary, "192.168.0.1", "192.168.0.1", 22, DocsDir, 15400, "AZ1", 1), Describe(node));
        Assert.False(config.HasClusterManager);
        Assert.Equal("/opt/huawei/install/app", config.AppPath);
        Assert.Equal("/var/log/omm", config.LogPath);
        Assert.Equal("/opt/huawei/tmp", config.TmpPath);
        Assert.Equal("/opt/huawei/install/om", config.ToolPath);
        Assert.Equal("/opt/huawei/corefile", config.CorePath);
    }

    [Fact]
    public void Docs_one_primary_one_standby()
    {
        var config = Load("docs-en-1primary-1standby.xml");
        Assert.Equal("Cluster_template", config.ClusterName);
        Assert.Equal(
            [
                ("node1_hostname", NodeRole.Primary, "192.168.0.1", "192.168.0.1", 22, DocsDir, 15400, "AZ1", 1),
                ("node2_hostname", NodeRole.Standby, "192.168.0.2", "192.168.0.2", 22, DocsDir, 15400, "AZ1", 1),
            ],
            config.Nodes.Select(Describe));
        Assert.False(config.HasClusterManager);
        Assert.Equal((15401, 15404, 15405), (config.Primary.ReplicationPort, config.Primary.ServicePort, config.Primary.HeartbeatPort));
    }

    [Fact]
    public void Docs_one_primary_one_standby_one_cascade_with_cm()
    {
        var config = Load("docs-en-1primary-1standby-1cascade-with-cm.xml");
        Assert.Equal(
            [
                ("node1_hostname", NodeRole.Primary, "192.168.0.1", "192.168.0.1", 22, DocsDir, 26000, "AZ1", 1),
                ("node2_hostname", NodeRole.Standby, "192.168.0.2", "192.168.0.2", 22, DocsDir, 26000, "AZ1", 1),
                ("node3_hostname", NodeRole.CascadeStandby, "192.168.0.3", "192.168.0.3", 22, DocsDir, 26000, "AZ1", 1),
            ],
            config.Nodes.Select(Describe));
        Assert.True(config.HasClusterManager);

        // CM parameters are kept as written, on the DEVICE that carries them.
        Assert.Contains(KeyValuePair.Create("cmServerPortBase", "15300"), config.Primary.Params);
        Assert.Contains(KeyValuePair.Create("cmDir", "/opt/huawei/install/cm"), config.Nodes[2].Params);
    }

    [Fact]
    public void Docs_one_primary_two_standbys_with_cm()
    {
        var config = Load("docs-en-1primary-2standby-with-cm.xml");
        Assert.Equal(
            [
                ("node1_hostname", NodeRole.Primary, "192.168.0.1", "192.168.0.1", 22, DocsDir, 15400, "AZ1", 1),
                ("node2_hostname", NodeRole.Standby, "192.168.0.2", "192.168.0.2", 22, DocsDir, 15400, "AZ1", 1),
                ("node3_hostname", NodeRole.Standby, "192.168.0.3", "192.168.0.3", 22, DocsDir, 15400, "AZ1", 1),
            ],
            config.Nodes.Select(Describe));
        Assert.True(config.HasClusterManager);
        Assert.Contains(KeyValuePair.Create("cmServerRelation", "node1_hostname,node2_hostname,node3_hostname"), config.Primary.Params);
    }

    [Fact]
    public void Constructed_expansion_adds_a_standby_and_a_cascade()
    {
        var config = Load("constructed-expansion-1p1s-add-standby-and-cascade.xml");
        Assert.Equal(
            [
                ("node1_hostname", NodeRole.Primary, "192.168.0.1", "192.168.0.1", 22, DocsDir, 15400, "AZ1", 1),
                ("node2_hostname", NodeRole.Standby, "192.168.0.2", "192.168.0.2", 22, DocsDir, 15400, "AZ1", 1),
                ("node3_hostname", NodeRole.Standby, "192.168.0.3", "192.168.0.3", 22, DocsDir, 15400, "AZ1", 1),
                ("node4_hostname", NodeRole.CascadeStandby, "192.168.0.4", "192.168.0.4", 22, DocsDir, 15400, "AZ1", 1),
            ],
            config.Nodes.Select(Describe));
        Assert.Equal([0, 1, 2, 3], config.Nodes.Select(n => n.Index));
        Assert.False(config.HasClusterManager);
    }

    [Fact]
    public void Constructed_generated_single_node_is_one_primary()
    {
        var config = Load("constructed-gs_expansion-generated-single-node.xml");
        var node = Assert.Single(config.Nodes);
        Assert.Equal(("node3_hostname", NodeRole.Primary, "192.168.0.3", "192.168.0.3", 22, DocsDir, 15400, "AZ1", 1), Describe(node));
        Assert.Equal("single-inst", config.ClusterParam("clusterType"));
    }

    // The values are python3's os.path.normpath of each one as written, and os.path.realpath (no symbolic links) of
    // each data directory: what openGauss-OM uses (PathRule.Normalize cites the lines).
    [Fact]
    public void Constructed_unnormalised_paths_are_normalised_as_openGauss_does()
    {
        var result = ConfigFixtures.Parse("constructed-paths-not-normalized.xml");
        Assert.Empty(result.Diagnostics);
        var config = Load("constructed-paths-not-normalized.xml");
        Assert.Equal(
            ("/opt/og/app", "/var/log/omm", "/opt/og/tmp", "/opt/og/om", "/opt/og/core"),
            (config.AppPath, config.LogPath, config.TmpPath, config.ToolPath, config.CorePath));
        Assert.Equal(
            [("node1", "/gauss/data/db1"), ("node2", "/gauss/data/db1"), ("node3", "/gauss/data/db1")],
            config.Nodes.Select(n => (n.Name, n.DataDir)));
    }

    [Theory]
    [InlineData("docs-en-single-node.xml", 10, "host name 'node1_hostname' contains '_', which RFC 1123 does not allow")]
    [InlineData("docs-en-1primary-1standby.xml", 10, "host names 'node1_hostname', 'node2_hostname' contain '_', which RFC 1123 does not allow")]
    [InlineData("docs-en-1primary-2standby-with-cm.xml", 29, "this cluster has the cluster manager (CM) component: ogscale does not drive CM yet, and expand and dropnode will refuse this cluster")]
    [InlineData("docs-en-1primary-1standby-1cascade-with-cm.xml", 30, "this cluster has the cluster manager (CM) component: ogscale does not drive CM yet, and expand and dropnode will refuse this cluster")]
    public void Samples_carry_only_warnings(string file, int line, string message)
    {
        var result = ConfigFixtures.Parse(file);
        Assert.Empty(result.Errors);
        Assert.Contains(result.Warnings, w => w.Line == line && w.Message == message);
    }

    [Fact]
    public void Every_sample_in_the_data_directory_is_covered()
    {
        var samples = Directory.GetFiles(ConfigFixtures.DataDir, "*.xml").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(
            [
                "constructed-expansion-1p1s-add-standby-and-cascade.xml",
                "constructed-gs_expansion-generated-single-node.xml",
                "constructed-paths-not-normalized.xml",
                "docs-en-1primary-1standby-1cascade-with-cm.xml",
                "docs-en-1primary-1standby.xml",
                "docs-en-1primary-2standby-with-cm.xml",
                "docs-en-single-node.xml",
            ],
            samples);
    }

    private static ClusterConfig Load(string file)
    {
        var result = ConfigFixtures.Parse(file);
        Assert.Empty(result.Errors);
        Assert.NotNull(result.Config);
        Assert.Equal(file, result.Config.FilePath);
        return result.Config;
    }

    private static (string, NodeRole, string, string, int, string, int, string, int) Describe(NodeConfig n) =>
        (n.Name, n.Role, n.BackIp, n.SshIp, n.SshPort, n.DataDir, n.Port, n.AzName, n.AzPriority);
}
