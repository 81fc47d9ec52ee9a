using OpenGaussScale.Kit.Status;

namespace OpenGaussScale.Kit.Tests.Unit;

/// <summary>The kit's outputs against the sample layouts of reference section 5.</summary>
public sealed class FormatterTests
{
    private static readonly LiveNode PrimaryWithStandby = new(
        InRecovery: false, ServerMode: "primary", ReplConnInfoCount: 1, LocalLsn: "0/401A080", ListenAddresses: "10.244.42.115", Port: 65300,
        Senders: [new SenderInfo(15464, "streaming", "0/401A080", "0/401A080", "0/401A080", "0/401A080", "sync", 1, "10.244.181.97", 35446, "dn_6002")],
        Receiver: null);

    [Fact]
    public void Gs_ctl_query_of_a_primary_has_the_documented_layout()
    {
        var text = QueryFormatter.Format(RoleRules.Derive(PrimaryWithStandby), PrimaryWithStandby);
        var lines = text.Split('\n');

        // reference 5 (docs sample), line for line where the values are the same.
        Assert.Equal(" HA state:", lines[0]);
        Assert.Equal("\tlocal_role                     : Primary", lines[1]);
        Assert.Equal("\tstatic_connections             : 1", lines[2]);
        Assert.Equal("\tdb_state                       : Normal", lines[3]);
        Assert.Equal("\tdetail_information             : Normal", lines[4]);
        Assert.Equal(" Senders info:", lines[6]);
        Assert.Equal("\tsender_pid                     : 15464", lines[7]);
        Assert.Equal("\tlocal_role                     : Primary", lines[8]);
        Assert.Equal("\tpeer_role                      : Standby", lines[9]);
        Assert.Equal("\tpeer_state                     : Normal", lines[10]);
        Assert.Equal("\tstate                          : Streaming", lines[11]);
        Assert.Contains("\tsync_state                     : Sync", lines);
        Assert.Contains("\tsync_priority                  : 1", lines);
        Assert.Contains("\tsync_most_available            : Off", lines);
        Assert.Contains("\tchannel                        : 10.244.42.115:65300-->10.244.181.97:35446", lines);
        Assert.EndsWith(" Receiver info:\nNo information\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_standalone_instance_is_Normal_and_a_fresh_standby_needs_repair()
    {
        var standalone = PrimaryWithStandby with { ReplConnInfoCount = 0, Senders = [] };
        Assert.Equal(new HaState("Normal", 0, "Normal", "Normal"), RoleRules.Derive(standalone));

        var fresh = standalone with { InRecovery = true, ServerMode = "standby" };
        Assert.Equal(new HaState("Standby", 0, "Need repair", "Disconnected"), RoleRules.Derive(fresh));
        Assert.Contains(" Senders info:\nNo information\n Receiver info:\nNo information\n", QueryFormatter.Format(RoleRules.Derive(fresh), fresh), StringComparison.Ordinal);
    }

    [Fact]
    public void A_cascade_standby_receives_from_a_standby()
    {
        var cascade = new LiveNode(true, "cascade_standby", 2, "0/5000000", "10.0.0.4", 15400, [],
            new ReceiverInfo(77, "streaming", "0/5000000", "0/5000000", "0/5000000", "10.0.0.3", 15400, "0/5000000"));
        var ha = RoleRules.Derive(cascade);
        Assert.Equal(new HaState("Cascade Standby", 2, "Normal", "Normal"), ha);
        var text = QueryFormatter.Format(ha, cascade);
        Assert.Contains("\tpeer_role                      : Standby\n", text, StringComparison.Ordinal);
        Assert.Contains("\tchannel                        : 10.0.0.4:15400<--10.0.0.3:15400\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Gs_om_status_detail_reproduces_the_documented_sample()
    {
        DatanodeStatusRow[] rows =
        [
            new(1, "pekpopgsci00235", "10.244.62.204", 5432, 6001, "/opt/gaussdb/cluster/data/dn1", "P", "Primary", "Normal"),
            new(2, "pekpopgsci00238", "10.244.61.81", 5432, 6002, "/opt/gaussdb/cluster/data/dn1", "S", "Standby", "Normal"),
        ];
        var expected = """
            [   Cluster State   ]

            cluster_state   : Normal
            redistributing  : No
            current_az      : AZ_ALL

            [  Datanode State   ]

            node                              node_ip         port      instance                                   state
            -----------------------------------------------------------------------------------------------------------
            1  pekpopgsci00235  10.244.62.204    5432      6001 /opt/gaussdb/cluster/data/dn1   P Primary Normal
            2  pekpopgsci00238  10.244.61.81     5432      6002 /opt/gaussdb/cluster/data/dn1   S Standby Normal

            """.Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Equal(expected, ClusterStatusFormatter.Detail(rows));
    }

    [Fact]
    public void Cluster_state_follows_om_degraded_with_a_down_standby_and_unavailable_without_one_normal_primary()
    {
        var primary = new DatanodeStatusRow(1, "n1", "10.0.0.1", 15400, 6001, "/d", "P", "Primary", "Normal");
        var standby = new DatanodeStatusRow(2, "n2", "10.0.0.2", 15400, 6002, "/d", "S", "Standby", "Normal");
        var cascade = new DatanodeStatusRow(3, "n3", "10.0.0.3", 15400, 6003, "/d", "C", "Cascade", "Normal");
        var down = standby with { Role = "Down", State = "Manually stopped" };
        Assert.Equal("Normal", ClusterStatusFormatter.ClusterState([primary, standby, cascade]));
        Assert.Equal("Degraded", ClusterStatusFormatter.ClusterState([primary, down]));
        Assert.Equal("Degraded", ClusterStatusFormatter.ClusterState([primary, standby with { Role = "Unknown", State = "Unknown" }]));
        Assert.Equal("Degraded", ClusterStatusFormatter.ClusterState([primary, standby with { State = "Need repair(Disconnected)" }]));
        Assert.Equal("Degraded", ClusterStatusFormatter.ClusterState([primary, standby with { Role = "Pending" }]));
        Assert.Equal("Unavailable", ClusterStatusFormatter.ClusterState([primary with { Role = "Down", State = "Manually stopped" }, standby]));
        Assert.Equal("Unavailable", ClusterStatusFormatter.ClusterState([primary, standby with { Role = "Primary" }]));
        Assert.Equal("Normal", ClusterStatusFormatter.ClusterState([primary]));
        Assert.Equal("Unavailable", ClusterStatusFormatter.ClusterState([primary with { State = "Manually stopped" }]));
        Assert.Contains("\n2  n2  10.0.0.2         15400     6002 /d   S Down Manually stopped\n", ClusterStatusFormatter.Detail([primary, down]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, " HA state:\n\tlocal_role                     : Primary\n\tstatic_connections             : 1\n\tdb_state                       : Normal\n", "Primary", "Normal")]
    [InlineData(0, " HA state:\n\tlocal_role                     : Cascade Standby\n\tdb_state                       : Normal\n", "Cascade", "Normal")]
    [InlineData(0, "\tlocal_role                     : Standby\n\tdb_state                       : Need repair\n\tdetail_information             : Disconnected\n", "Standby", "Need repair(Disconnected)")]
    [InlineData(0, "\tlocal_role                     : Unknown\n\tdb_state                       : Starting\n", "Unknown", "Starting")]
    [InlineData(1, "[2024-09-26 10:00:00.000][1][][gs_ctl]:  PID file \"/d/postmaster.pid\" does not exist\n[2024-09-26 10:00:00.000][1][][gs_ctl]: Is server running?\n", "Down", "Manually stopped")]
    [InlineData(1, "gsql: could not connect to the local server\n", "Down", "Manually stopped")]
    [InlineData(255, "ssh: connect to host 10.0.0.2 port 22: Connection refused\n", "Unknown", "Unknown")]
    [InlineData(0, "garbage", "Unknown", "Unknown")]
    public void A_nodes_gs_ctl_query_is_read_as_om_reads_it(int exitCode, string output, string role, string state) =>
        Assert.Equal((role, state), QueryStatus.Read(exitCode, output));

    [Fact]
    public void Gs_om_status_summary_has_the_key_value_lines_gs_dropnode_parses()
    {
        var text = ClusterStatusFormatter.Summary("dbCluster", "Degraded");
        Assert.Matches(@"(?m)^cluster_state\s*:\s*Degraded$", text);
        Assert.Matches(@"(?m)^cluster_name\s*:\s*dbCluster$", text);
    }

    [Theory]
    [InlineData("0/3000000", "0/3000000", "100%")]
    [InlineData("0/1000000", "0/2000000", "50%")]
    [InlineData("1/0", "0/FFFFFFFF", "100%")]
    [InlineData("", "0/10", "0%")]
    public void Sync_percent_compares_wal_positions(string done, string target, string expected) =>
        Assert.Equal(expected, Lsn.Percent(done, target));

    [Fact]
    public void Probe_rows_are_parsed_by_their_tags()
    {
        var node = NodeProbe.Parse(
        [
            ["H", "t", "cascade_standby", "2", "0/5000060", "127.0.0.103", "15400"],
            ["R", "4711", "streaming", "0/5000060", "0/5000060", "0/5000060", "127.0.0.102", "15400", "0/5000060"],
        ]);
        Assert.True(node.InRecovery);
        Assert.Equal(("cascade_standby", 2, 15400), (node.ServerMode, node.ReplConnInfoCount, node.Port));
        Assert.Equal(("streaming", "127.0.0.102"), (node.Receiver!.Status, node.Receiver.SenderHost));
        Assert.Empty(node.Senders);
    }
}
