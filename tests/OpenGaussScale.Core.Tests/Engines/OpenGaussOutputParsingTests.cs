using OpenGaussScale.Core.Engines.OpenGauss;
using OpenGaussScale.Core.Model;

namespace OpenGaussScale.Core.Tests.Engines;

/// <summary>The openGauss output parsers against the layouts in opengauss-reference.md section 5 and the openGauss docs/blogs it cites.</summary>
public sealed class OpenGaussOutputParsingTests
{
    // Reference section 5, from the openGauss docs (confirming-connection-information.md).
    private const string QueryPrimary =
        "[2026-11-25 10:00:00.000][1234][][gs_ctl]: gs_ctl query ,datadir is /opt/gaussdb/cluster/data/dn1 \n" +
        " HA state:           \n" +
        "\tlocal_role                     : Primary\n" +
        "\tstatic_connections             : 1\n" +
        "\tdb_state                       : Normal\n" +
        "\tdetail_information             : Normal\n" +
        "\n" +
        " Senders info:       \n" +
        "\tsender_pid                     : 15464\n" +
        "\tlocal_role                     : Primary\n" +
        "\tpeer_role                      : Standby\n" +
        "\tpeer_state                     : Normal\n" +
        "\tstate                          : Streaming\n" +
        "\tsync_state                     : Sync\n" +
        "\tsync_priority                  : 1\n" +
        "\tsync_most_available            : Off\n" +
        "\tchannel                        : 10.244.42.115:65301-->10.244.181.97:35446\n" +
        "\n" +
        " Receiver info:      \n" +
        "No information \n";

    [Fact]
    public void Gs_ctl_query_of_a_primary_gives_role_state_and_its_sender()
    {
        var query = GsCtlQuery.Parse(QueryPrimary);

        Assert.True(query.ServerRunning);
        Assert.Equal("Primary", query.LocalRole);
        Assert.Equal("Normal", query.DbState);
        var sender = Assert.Single(query.Senders);
        Assert.Equal("Standby", sender["peer_role"]);
        Assert.Equal("Streaming", sender["state"]);
        Assert.Equal("10.244.42.115:65301-->10.244.181.97:35446", sender["channel"]);
        Assert.Empty(query.Receivers);
        Assert.False(query.InTransition);
    }

    // issue 16 item 8: with uppercase_attribute_name=on the server returns upper-case column names, and gs_ctl prints
    // them as it gets them; the section titles are gs_ctl's own text and stay as they are.
    [Fact]
    public void Gs_ctl_query_with_upper_case_keys_reads_the_same_role_state_and_senders()
    {
        var upper = string.Join('\n', QueryPrimary.Split('\n').Select(l => l.StartsWith('\t') ? "\t" + l[1..l.IndexOf(':', StringComparison.Ordinal)].ToUpperInvariant() + l[l.IndexOf(':', StringComparison.Ordinal)..] : l));
        Assert.Contains("\tLOCAL_ROLE ", upper, StringComparison.Ordinal);

        var query = GsCtlQuery.Parse(upper);

        Assert.True(query.ServerRunning);
        Assert.Equal(LiveRole.Primary, query.LiveRole);
        Assert.True(query.IsDbState("Normal"));
        var sender = Assert.Single(query.Senders);
        Assert.Equal("Standby", sender["peer_role"]);
        Assert.Equal("Streaming", sender["state"]);
    }

    [Fact]
    public void Gs_ctl_query_keeps_several_senders_apart()
    {
        var twoSenders = QueryPrimary.Replace(
            " Receiver info:",
            "\tsender_pid                     : 15470\n\tpeer_role                      : Cascade Standby\n\tstate                          : Streaming\n Receiver info:",
            StringComparison.Ordinal);

        var query = GsCtlQuery.Parse(twoSenders);

        Assert.Equal(["Standby", "Cascade Standby"], query.Senders.Select(s => s["peer_role"]));
    }

    [Fact]
    public void Gs_ctl_query_of_a_standby_reads_the_receiver()
    {
        const string standby =
            " HA state:           \n\tlocal_role                     : Standby\n\tstatic_connections             : 2\n" +
            "\tdb_state                       : Need repair\n\tdetail_information             : Disconnected\n\n" +
            " Senders info:       \nNo information \n" +
            " Receiver info:      \n\treceiver_pid                   : 2201\n\tlocal_role                     : Standby\n" +
            "\tpeer_role                      : Primary\n\tpeer_state                     : Normal\n\tstate                          : Normal\n";

        var query = GsCtlQuery.Parse(standby);

        Assert.Equal("Standby", query.LocalRole);
        Assert.True(query.IsDbState("need repair"));
        Assert.Empty(query.Senders);
        Assert.Equal("Primary", Assert.Single(query.Receivers)["peer_role"]);
    }

    [Theory]
    [InlineData("[2026-11-25][9][][gs_ctl]: gs_ctl query ,datadir is /d\nno server running\nIs server running?\n")]
    [InlineData("")]
    public void Gs_ctl_query_without_a_server_is_not_running(string output)
    {
        var query = GsCtlQuery.Parse(output);

        Assert.False(query.ServerRunning);
        Assert.Null(query.LocalRole);
    }

    [Theory]
    [InlineData("Promoting", true)]
    [InlineData("Demoting", true)]
    [InlineData("Wait", true)]
    [InlineData("Catchup", false)]
    public void Switchover_and_failover_states_are_transitions(string dbState, bool transition)
    {
        var query = GsCtlQuery.Parse($" HA state:\n\tlocal_role                     : Standby\n\tdb_state                       : {dbState}\n");

        Assert.Equal(transition, query.InTransition);
    }

    [Fact]
    public void Gs_om_status_detail_without_cm_reads_nodes_with_the_port_column()
    {
        // Reference section 5 (gs_om.md / querying-status.md).
        const string output =
            "[   Cluster State   ]\n\ncluster_state   : Normal\nredistributing  : No\ncurrent_az      : AZ_ALL\n\n[  Datanode State   ]\n\n" +
            "node                              node_ip         port      instance                                   state\n" +
            "-----------------------------------------------------------------------------------------------------------\n" +
            "1  pekpopgsci00235  10.244.62.204    5432      6001 /opt/gaussdb/cluster/data/dn1   P Primary Normal\n" +
            "2  pekpopgsci00238  10.244.61.81     5432      6002 /opt/gaussdb/cluster/data/dn1   S Standby Normal\n";

        var status = GsOmStatus.Parse(output);

        Assert.Equal("Normal", status.ClusterState);
        Assert.Equal(
            [
                new GsOmDataNode(1, "pekpopgsci00235", "10.244.62.204", 5432, 6001, "/opt/gaussdb/cluster/data/dn1", 'P', "Primary", "Normal"),
                new GsOmDataNode(2, "pekpopgsci00238", "10.244.61.81", 5432, 6002, "/opt/gaussdb/cluster/data/dn1", 'S', "Standby", "Normal"),
            ],
            status.DataNodes);
        Assert.True(status.Primary!.IsPrimaryNormal);
    }

    [Fact]
    public void Gs_om_status_detail_of_the_1_1_blog_layout_reads_cascade_down_and_trailing_bars()
    {
        // Layout from the openGauss 1.1.0 blog cited in reference section 5: no port column, " |" line ends.
        const string output =
            "[   Cluster State   ]\n\ncluster_state   : Degraded\nredistributing  : No\ncurrent_az      : AZ_ALL\n\n[  Datanode State   ]\n\n" +
            "node                    node_ip         instance                state         |\n" +
            "-------------------------------------------------------------------------------\n" +
            "1  prod.opengauss.com   192.168.0.11    6001 /gauss/data/db1 P Primary Normal |\n" +
            "2  stb1.opengauss.com   192.168.0.12    6002 /gauss/data/db1 S Down    Manually stopped |\n" +
            "3  stb2.opengauss.com   192.168.0.13    6003 /gauss/data/db1 S Standby Need repair(Connecting) |\n" +
            "4  casstb.opengauss.com 192.168.0.14    6004 /gauss/data/db1 C Cascade Normal\n";

        var status = GsOmStatus.Parse(output);

        Assert.Equal("Degraded", status.ClusterState);
        Assert.Equal(4, status.DataNodes.Count);
        Assert.Equal(("Down", "Manually stopped"), (status.DataNodes[1].Role, status.DataNodes[1].State));
        Assert.True(status.DataNodes[1].IsDown);
        Assert.Equal("Need repair(Connecting)", status.DataNodes[2].State);
        Assert.Equal(("Cascade Standby", "Normal", 'C'), (status.DataNodes[3].Role, status.DataNodes[3].State, status.DataNodes[3].InitialRole));
        Assert.Null(status.DataNodes[0].Port);
        Assert.Equal(6004, status.DataNodes[3].InstanceId);
    }

    [Fact]
    public void Gs_om_status_detail_in_the_cm_layout_splits_segments_and_finds_instance_before_port()
    {
        const string cmLine =
            "[  Datanode State   ]\n\nnode            node_ip         instance                                              state\n" +
            "1  host40 10.243.40.20    6001 /usr1/cm_gauss/cluster/dn1 P Primary Normal | 2  host39 10.243.39.8     6002 /usr1/cm_gauss/cluster/dn1 S Standby Normal\n" +
            "3  openGauss137 10.0.0.3    6003 20128  /usr2/omm/openGauss/dn1 S Cascade Standby Normal\n";

        var status = GsOmStatus.Parse(cmLine);

        Assert.Equal(["host40", "host39", "openGauss137"], status.DataNodes.Select(n => n.NodeName));
        Assert.Equal((20128, 6003), (status.DataNodes[2].Port, status.DataNodes[2].InstanceId));
        Assert.Equal("Cascade Standby", status.DataNodes[2].Role);
        Assert.Null(status.ClusterState);
    }

    [Fact]
    public void Gs_guc_check_reads_the_four_space_value_lines_and_unquotes_strings()
    {
        // Reference section 5 (gs_guc.md) plus a quoted string value as the original's available_zone regex expects.
        const string output =
            "Total GUC values: 3. Failed GUC values: 0.\n" +
            "The value of parameter max_connections is same on all instances.\n" +
            "    max_connections=800\n" +
            "    available_zone='AZ1'\n" +
            "    replconninfo1='localhost=10.0.0.1 localport=15401 remotehost=10.0.0.2'\n";

        var values = GsGucCheck.Parse(output);

        Assert.Equal("800", values["max_connections"]);
        Assert.Equal("AZ1", values["available_zone"]);
        Assert.Equal("localhost=10.0.0.1 localport=15401 remotehost=10.0.0.2", values["replconninfo1"]);
        Assert.False(values.ContainsKey("wal_keep_segments"));
    }

    [Fact]
    public void Version_strings_are_read_as_the_original_compares_them()
    {
        Assert.Equal("openGauss 6.0.0 build aee8a6d1", VersionStrings.GaussdbVersion("gaussdb (openGauss 6.0.0 build aee8a6d1) compiled at 2024-09-29 18:02:16 commit 0 last mr  release\n"));
        Assert.Equal("gs_om (openGauss OM 6.0.0 build aee8a6d1) compiled at 2024-09-29 18:02:16 commit 0 last mr", VersionStrings.GsOmVersion("gs_om (openGauss OM 6.0.0 build aee8a6d1) compiled at 2024-09-29 18:02:16 commit 0 last mr\n"));
        Assert.Equal("aee8a6d1", VersionStrings.CommitId("gsql (openGauss 6.0.0 build aee8a6d1) compiled at 2024-09-29 18:02:16 commit 0 last mr  release"));
        Assert.Null(VersionStrings.GaussdbVersion("bash: gaussdb: command not found"));
    }
}
