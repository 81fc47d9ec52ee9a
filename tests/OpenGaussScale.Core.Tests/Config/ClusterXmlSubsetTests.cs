using OpenGaussScale.Core.Config;

namespace OpenGaussScale.Core.Tests.Config;

public sealed class ClusterXmlSubsetTests
{
    [Fact]
    public void The_subset_lists_only_the_kept_nodes_and_reads_back_as_a_valid_cluster()
    {
        var config = ClusterConfigLoader.Load(ConfigFixtures.PathOf("constructed-expansion-1p1s-add-standby-and-cascade.xml")).Config!;

        var xml = ClusterXmlSubset.Write(config, new HashSet<string> { "192.168.0.2", "192.168.0.4" });
        var subset = ClusterConfigLoader.Parse(xml, "subset.xml");

        Assert.True(subset.Succeeded, string.Join("\n", subset.Errors));
        Assert.Equal(["node1_hostname", "node2_hostname", "node4_hostname"], subset.Config!.Nodes.Select(n => n.Name));
        Assert.Equal(NodeRole.CascadeStandby, subset.Config.Nodes[2].Role);
        Assert.Equal("node1_hostname,node2_hostname,node4_hostname", subset.Config.ClusterParam("nodeNames"));
        Assert.Equal("192.168.0.1,192.168.0.2,192.168.0.4", subset.Config.ClusterParam("backIp1s"));
        Assert.Equal(config.AppPath, subset.Config.AppPath);
        Assert.Contains("<PARAM name=\"dataNode1\" value=\"/opt/huawei/install/data/dn,node2_hostname,/opt/huawei/install/data/dn,node4_hostname,/opt/huawei/install/data/dn\"/>", xml, StringComparison.Ordinal);
    }
}
