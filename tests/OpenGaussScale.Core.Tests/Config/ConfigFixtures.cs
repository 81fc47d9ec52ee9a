using OpenGaussScale.Core.Config;

namespace OpenGaussScale.Core.Tests.Config;

/// <summary>The XML fixtures under Data/ (copied to the test output), loaded the way the CLI loads a file.</summary>
internal static class ConfigFixtures
{
    public static string DataDir => Path.Combine(AppContext.BaseDirectory, "Data");

    public static string PathOf(string relative) => Path.Combine(DataDir, relative);

    /// <summary>Validates a fixture, naming it by its file name only so expected messages stay short.</summary>
    public static ConfigLoadResult Parse(string relative) =>
        ClusterConfigLoader.ParseBytes(File.ReadAllBytes(PathOf(relative)), Path.GetFileName(relative));

    public static string[] Lines(ConfigLoadResult result) => [.. result.Diagnostics.Select(d => d.ToString())];

    /// <summary>A small valid cluster (3 nodes, no warnings) to vary in tests.</summary>
    public const string ValidXml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <ROOT>
          <CLUSTER>
            <PARAM name="clusterName" value="c1"/>
            <PARAM name="nodeNames" value="node1,node2,node3"/>
            <PARAM name="gaussdbAppPath" value="/opt/og/app"/>
            <PARAM name="gaussdbToolPath" value="/opt/og/om"/>
            <PARAM name="corePath" value="/opt/og/core"/>
            <PARAM name="backIp1s" value="10.0.0.1,10.0.0.2,10.0.0.3"/>
          </CLUSTER>
          <DEVICELIST>
            <DEVICE sn="node1">
              <PARAM name="name" value="node1"/>
              <PARAM name="azName" value="AZ1"/>
              <PARAM name="azPriority" value="1"/>
              <PARAM name="backIp1" value="10.0.0.1"/>
              <PARAM name="dataNode1" value="/opt/og/data/dn,node2,/opt/og/data/dn2,node3,/opt/og/data/dn3"/>
            </DEVICE>
            <DEVICE sn="node2">
              <PARAM name="name" value="node2"/>
              <PARAM name="azName" value="AZ1"/>
              <PARAM name="azPriority" value="1"/>
              <PARAM name="backIp1" value="10.0.0.2"/>
            </DEVICE>
            <DEVICE sn="node3">
              <PARAM name="name" value="node3"/>
              <PARAM name="azName" value="AZ1"/>
              <PARAM name="azPriority" value="2"/>
              <PARAM name="backIp1" value="10.0.0.3"/>
              <PARAM name="sshIp1" value="127.0.0.13"/>
              <PARAM name="sshPort" value="2222"/>
              <PARAM name="cascadeRole" value="on"/>
            </DEVICE>
          </DEVICELIST>
        </ROOT>
        """;
}
