using OpenGaussScale.Playground.Hosts;
using OpenGaussScale.Playground.Xml;
using System.Xml.Linq;

namespace OpenGaussScale.Playground.Tests;

public sealed class ClusterXmlWriterTests
{
    [Fact]
    public void The_running_cluster_xml_is_the_primary_alone_in_the_documented_layout()
    {
        var xml = ClusterXmlWriter.Write(PlaygroundClusterXml.For([new PlaygroundHost(1, 22)]));

        Assert.Equal(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <ROOT>
                <CLUSTER>
                    <PARAM name="clusterName" value="ogscale_playground"/>
                    <PARAM name="nodeNames" value="ognode1"/>
                    <PARAM name="gaussdbAppPath" value="/opt/ogscale/app"/>
                    <PARAM name="gaussdbLogPath" value="/opt/ogscale/log"/>
                    <PARAM name="tmpMppdbPath" value="/opt/ogscale/tmp"/>
                    <PARAM name="gaussdbToolPath" value="/opt/ogscale/om"/>
                    <PARAM name="corePath" value="/opt/ogscale/corefile"/>
                    <PARAM name="backIp1s" value="127.0.0.11"/>
                </CLUSTER>
                <DEVICELIST>
                    <DEVICE sn="ognode1">
                        <PARAM name="name" value="ognode1"/>
                        <PARAM name="azName" value="AZ1"/>
                        <PARAM name="azPriority" value="1"/>
                        <PARAM name="backIp1" value="127.0.0.11"/>
                        <PARAM name="sshIp1" value="127.0.0.11"/>
                        <PARAM name="dataNum" value="1"/>
                        <PARAM name="dataPortBase" value="15400"/>
                        <PARAM name="dataNode1" value="/opt/ogscale/data/dn"/>
                        <PARAM name="dataNode1_syncNum" value="0"/>
                    </DEVICE>
                </DEVICELIST>
            </ROOT>

            """,
            xml);
    }

    [Fact]
    public void Expand_all_lists_every_host_with_the_standbys_in_dataNode1_and_sshPort_only_when_not_22()
    {
        var hosts = new[] { new PlaygroundHost(1, 22), new PlaygroundHost(2, 2222), new PlaygroundHost(3, 22) };
        var doc = XDocument.Parse(ClusterXmlWriter.Write(PlaygroundClusterXml.For(hosts)));

        Assert.Equal("ognode1,ognode2,ognode3", ClusterParam(doc, "nodeNames"));
        Assert.Equal("127.0.0.11,127.0.0.12,127.0.0.13", ClusterParam(doc, "backIp1s"));
        var devices = doc.Root!.Element("DEVICELIST")!.Elements("DEVICE").ToList();
        Assert.Equal(3, devices.Count);
        Assert.Equal("/opt/ogscale/data/dn,ognode2,/opt/ogscale/data/dn,ognode3,/opt/ogscale/data/dn", DeviceParam(devices[0], "dataNode1"));
        Assert.Equal("2222", DeviceParam(devices[1], "sshPort"));
        Assert.Null(DeviceParam(devices[0], "sshPort"));
        Assert.Null(DeviceParam(devices[2], "sshPort"));
        Assert.All(devices.Skip(1), d => Assert.Null(DeviceParam(d, "dataNode1")));
        Assert.All(devices, d => Assert.Null(DeviceParam(d, "cascadeRole")));
        Assert.All(devices, d => Assert.Equal("AZ1", DeviceParam(d, "azName")));
    }

    [Fact]
    public void A_variant_with_a_cascade_and_extra_params_is_written_and_values_are_escaped()
    {
        var spec = PlaygroundClusterXml.For([new PlaygroundHost(1, 22), new PlaygroundHost(2, 22), new PlaygroundHost(3, 22)]);
        spec = spec with
        {
            ClusterName = "a<b>&\"c\"",
            Nodes = [spec.Nodes[0], spec.Nodes[1], spec.Nodes[2] with { Cascade = true, ExtraParams = [new("dataListenIp1", "127.0.0.13")] }],
            ExtraClusterParams = [new("clusterType", "single-inst")],
        };

        var doc = XDocument.Parse(ClusterXmlWriter.Write(spec));

        Assert.Equal("a<b>&\"c\"", ClusterParam(doc, "clusterName"));
        Assert.Equal("single-inst", ClusterParam(doc, "clusterType"));
        var devices = doc.Root!.Element("DEVICELIST")!.Elements("DEVICE").ToList();
        Assert.Null(DeviceParam(devices[1], "cascadeRole"));
        Assert.Equal("on", DeviceParam(devices[2], "cascadeRole"));
        Assert.Equal("127.0.0.13", DeviceParam(devices[2], "dataListenIp1"));
    }

    private static string? ClusterParam(XDocument doc, string name) => Param(doc.Root!.Element("CLUSTER")!, name);

    private static string? DeviceParam(XElement device, string name) => Param(device, name);

    private static string? Param(XElement parent, string name) =>
        parent.Elements("PARAM").Where(p => (string?)p.Attribute("name") == name).Select(p => (string?)p.Attribute("value")).SingleOrDefault();
}
