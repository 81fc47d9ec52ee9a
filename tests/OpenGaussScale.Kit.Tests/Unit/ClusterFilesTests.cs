using OpenGaussScale.Kit.Cli;
using OpenGaussScale.Kit.Cluster;

namespace OpenGaussScale.Kit.Tests.Unit;

public sealed class ClusterFilesTests
{
    [Fact]
    public void The_expansion_sample_gives_instance_ids_in_dataNode1_order_and_a_cascade()
    {
        var cluster = ClusterXml.Load(RepositoryFiles.Sample("constructed-expansion-1p1s-add-standby-and-cascade.xml"));
        Assert.Equal(["node1_hostname", "node2_hostname", "node3_hostname", "node4_hostname"], cluster.Nodes.Select(n => n.Name).ToArray());
        Assert.Equal([1, 2, 3, 4], cluster.Nodes.Select(n => n.Id).ToArray());
        var instances = cluster.Nodes.Select(n => n.DataNodes.Single()).ToList();
        Assert.Equal([6001, 6002, 6003, 6004], instances.Select(i => i.InstanceId).ToArray());
        Assert.Equal([InstanceTypes.Primary, InstanceTypes.Standby, InstanceTypes.Standby, InstanceTypes.CascadeStandby], instances.Select(i => i.InstanceType).ToArray());
        Assert.All(instances, i => Assert.Equal(15400, i.Port));
        Assert.Equal(("/opt/huawei/install/app", "/opt/huawei/install/om", "/opt/huawei/tmp"), (cluster.AppPath, cluster.ToolPath, cluster.TmpPath));
        Assert.Equal("192.168.0.4", cluster.Nodes[3].BackIp);
    }

    [Fact]
    public void Static_config_round_trips_and_says_it_is_not_the_binary_format()
    {
        var cluster = ClusterXml.Load(RepositoryFiles.Sample("docs-en-1primary-1standby.xml"));
        var json = StaticConfig.For(cluster, 2).ToJson();
        Assert.Contains("not openGauss's binary format", json, StringComparison.Ordinal);
        var back = StaticConfig.FromJson(json, "test");
        Assert.Equal(2, back.LocalNodeId);
        Assert.Equal(cluster.Nodes.Count, back.Cluster.Nodes.Count);
        Assert.Equal(cluster.Nodes[1].DataNodes[0], back.Cluster.Nodes[1].DataNodes[0] with { ListenIps = cluster.Nodes[1].DataNodes[0].ListenIps });
        Assert.Equal(cluster.Nodes[1].DataNodes[0].ListenIps, back.Cluster.Nodes[1].DataNodes[0].ListenIps);
        Assert.Equal(cluster.Nodes[1].Name, back.LocalNode!.Name);
    }

    [Fact]
    public void A_binary_or_foreign_static_config_is_refused_by_name()
    {
        var error = Assert.Throws<KitException>(() => StaticConfig.FromJson("\u0001\u0002binary", "/x/cluster_static_config"));
        Assert.Contains("/x/cluster_static_config", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e \"v\">]><ROOT/>", "security risks")]
    [InlineData("<ROOT><CLUSTER>", "Failed to parsing xml")]
    [InlineData("<ROOT><CLUSTER><PARAM name=\"nodeNames\" value=\"a,b\"/></CLUSTER><DEVICELIST><DEVICE><PARAM name=\"name\" value=\"a\"/></DEVICE></DEVICELIST></ROOT>", "nodeNames and DEVICE are not same")]
    public void Bad_xml_is_refused(string xml, string message)
    {
        var error = Assert.Throws<KitException>(() => ClusterXml.Parse(xml, "test.xml"));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_local_node_is_the_one_named_like_the_host_or_the_only_one()
    {
        var cluster = ClusterXml.Load(RepositoryFiles.Sample("docs-en-1primary-1standby.xml"));
        Assert.Equal(cluster.Nodes[1], cluster.LocalNode(cluster.Nodes[1].Name));
        Assert.Null(cluster.LocalNode("some-other-host"));
        var single = cluster with { Nodes = [cluster.Nodes[0]] };
        Assert.Equal(cluster.Nodes[0], single.LocalNode("some-other-host"));
    }
}
