using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Engines.OpenGauss;
using OpenGaussScale.Core.Model;

namespace OpenGaussScale.Core.Tests.Dropnode;

/// <summary>The cluster model without -X, from gs_om's outputs and the user's environment (as the kit prints them).</summary>
public sealed class LiveTopologyTests
{
    private const string Detail = """
        [   Cluster State   ]

        cluster_state   : Normal
        redistributing  : No
        current_az      : AZ_ALL

        [  Datanode State   ]

        node                              node_ip         port      instance                                   state
        -----------------------------------------------------------------------------------------------------------
        1  ognode1  127.0.0.11       15400     6001 /opt/ogscale/data/dn   P Primary Normal
        2  ognode2  127.0.0.12       15400     6002 /opt/ogscale/data/dn   S Standby Normal
        3  ognode4  127.0.0.14       15400     6003 /opt/ogscale/data/dn   C Cascade Normal
        """;

    private static readonly OgEnvironment Env = new(GaussHome: "/opt/ogscale/app", GpHome: "/opt/ogscale/tool", PgHost: "/opt/ogscale/tmp", GaussLog: "/opt/ogscale/log/omm");

    [Fact]
    public void The_model_comes_from_gs_om_and_the_environment()
    {
        var name = LiveTopology.ClusterName("-----\n\ncluster_name    : ogscale_playground\ncluster_state   : Normal\n");
        var config = LiveTopology.Build(Env, name, GsOmStatus.Parse(Detail), "omm");

        Assert.Equal("ogscale_playground", config.ClusterName);
        Assert.Equal(("/opt/ogscale/app", "/opt/ogscale/tool", "/opt/ogscale/tmp", "/opt/ogscale/log"), (config.AppPath, config.ToolPath, config.TmpPath, config.LogPath));
        Assert.Equal(["ognode1", "ognode2", "ognode4"], config.Nodes.Select(n => n.Name));
        Assert.Equal([NodeRole.Primary, NodeRole.Standby, NodeRole.CascadeStandby], config.Nodes.Select(n => n.Role));
        Assert.All(config.Nodes, n => Assert.Equal((15400, "/opt/ogscale/data/dn"), (n.Port, n.DataDir)));
    }

    [Fact]
    public void The_xml_for_generateconf_has_the_live_zones_and_nothing_invented_but_az_priority_1()
    {
        var config = LiveTopology.Build(Env, "c", GsOmStatus.Parse(Detail), "omm");
        var state = new ClusterState
        {
            ClusterStateText = "Normal",
            Nodes = [.. config.Nodes.Select(n => new NodeStatus
            {
                Node = n, Reachable = true, IsMember = true, Running = true,
                Settings = new Dictionary<string, string> { ["available_zone"] = n.Name == "ognode4" ? "AZ2" : "AZ1" },
            })],
        };

        var xml = ClusterXmlSubset.Write(LiveTopology.WithZones(config, state), new HashSet<string> { "127.0.0.14" });

        Assert.Contains("<PARAM name=\"nodeNames\" value=\"ognode1,ognode4\"/>", xml, StringComparison.Ordinal);
        Assert.Contains("<PARAM name=\"dataNode1\" value=\"/opt/ogscale/data/dn,ognode4,/opt/ogscale/data/dn\"/>", xml, StringComparison.Ordinal);
        Assert.Contains("<PARAM name=\"azName\" value=\"AZ2\"/>", xml, StringComparison.Ordinal);
        Assert.Contains("<PARAM name=\"cascadeRole\" value=\"on\"/>", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("corePath", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("ognode2", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_environment_variable_is_a_usage_error_naming_it()
    {
        var error = Assert.Throws<OpenGaussScale.Core.Errors.OgscaleException>(() =>
            LiveTopology.Build(Env with { PgHost = "" }, "c", GsOmStatus.Parse(Detail), "omm"));

        Assert.Equal(2, error.ExitCode);
        Assert.StartsWith("$PGHOST is not set in omm's environment", error.Message, StringComparison.Ordinal);
    }
}
