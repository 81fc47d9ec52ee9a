using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Engines.OpenGauss;
using OpenGaussScale.Core.Tests.Fakes;

namespace OpenGaussScale.Core.Tests.Engines;

public sealed class ReplicationMeshTests
{
    private static readonly ClusterConfig Cluster = TestContexts.Cluster("192.168.0.1", "192.168.0.2", "192.168.0.3");

    [Fact]
    public void The_new_node_gets_the_existing_nodes_in_xml_order_as_in_the_reference_example()
    {
        // Reference 3.2 example: port 15400; .1 primary, .2 standby, new .3.
        var desired = ReplicationMesh.Desired(Cluster.Nodes[2], Cluster.Nodes);

        Assert.Equal(
            [
                "localhost=192.168.0.3 localport=15401 localheartbeatport=15405 localservice=15404 remotehost=192.168.0.1 remoteport=15401 remoteheartbeatport=15405 remoteservice=15404",
                "localhost=192.168.0.3 localport=15401 localheartbeatport=15405 localservice=15404 remotehost=192.168.0.2 remoteport=15401 remoteheartbeatport=15405 remoteservice=15404",
            ],
            desired);
    }

    [Fact]
    public void The_primary_gets_only_the_changed_entry_and_stale_higher_entries_are_cleared()
    {
        var current = new Dictionary<string, string>
        {
            // replconninfo1 already points at .2 (written with other spacing); 2 is missing; 5 is a leftover.
            ["replconninfo1"] = "localhost=192.168.0.1  localport=15401 localheartbeatport=15405 localservice=15404 remotehost=192.168.0.2 remoteport=15401 remoteheartbeatport=15405 remoteservice=15404",
            ["replconninfo5"] = "localhost=192.168.0.1 localport=15401 remotehost=10.9.9.9 remoteport=15401",
        };

        var settings = ReplicationMesh.SettingsFor(Cluster.Nodes[0], Cluster.Nodes, current);

        Assert.Equal(["replconninfo2", "replconninfo5"], settings.Select(s => s.Key));
        Assert.Contains("remotehost=192.168.0.3", settings[0].Value, StringComparison.Ordinal);
        Assert.Equal("", settings[1].Value);
    }

    [Fact]
    public void Applying_the_settings_again_changes_nothing()
    {
        var current = ReplicationMesh.Desired(Cluster.Nodes[1], Cluster.Nodes)
            .Select((value, i) => new KeyValuePair<string, string>(ReplConnInfo.SettingName(i + 1), value))
            .ToDictionary();

        Assert.Empty(ReplicationMesh.SettingsFor(Cluster.Nodes[1], Cluster.Nodes, current));
    }

    [Fact]
    public void A_cascade_peer_is_marked_iscascade_and_parses_back()
    {
        var cascade = Cluster.Nodes[2] with { Role = NodeRole.CascadeStandby };
        var entry = ReplConnInfo.Between(Cluster.Nodes[1], cascade);

        Assert.EndsWith(" iscascade=true", entry.Format(), StringComparison.Ordinal);
        Assert.Equal(entry, ReplConnInfo.TryParse(entry.Format()));
        Assert.Null(ReplConnInfo.TryParse(""));
    }

    [Fact]
    public void Hba_rules_use_four_space_gaps_and_the_removal_form_has_no_method()
    {
        Assert.Equal("host    all    omm    192.168.0.3/32    trust", new HbaEntry("omm", "192.168.0.3").ToRule());
        Assert.Equal("host    all    omm    192.168.0.3/32", new HbaEntry("omm", "192.168.0.3").ToRemovalRule());
        Assert.Equal("host    all    omm    fd00::3/128    trust", new HbaEntry("omm", "fd00::3").ToRule());
    }
}
