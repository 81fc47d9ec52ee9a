using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Engines.OpenGauss;
using OpenGaussScale.Core.Model;
using OpenGaussScale.Core.Preflight;
using OpenGaussScale.Core.Tests.Fakes;

namespace OpenGaussScale.Core.Tests.Engines;

public sealed class OpenGaussPlanTests
{
    // node1 primary (member, dn_6001) and node2 standby (member, dn_6002); node3 new standby; node4 new cascade.
    private static readonly ClusterConfig Cluster = Cascade(TestContexts.Cluster("192.168.0.1", "192.168.0.2", "192.168.0.3", "192.168.0.4"), 3);

    // The names gs_om -t status gives its members; node5 (192.168.0.5) is in none of the tests' XML.
    private static readonly Dictionary<string, string> GsOmNames = new() { ["192.168.0.1"] = "node1", ["192.168.0.2"] = "node2", ["192.168.0.5"] = "node5" };

    private readonly OpenGaussEngine _engine = new();

    [Fact]
    public void Existing_members_are_configured_before_any_build_and_each_new_host_is_installed_then_built()
    {
        var plan = _engine.PlanExpand(Request("192.168.0.3", "192.168.0.4"), State());

        Assert.Equal(
            [
                "guc@192.168.0.1", "hba@192.168.0.1", "guc@192.168.0.2", "hba@192.168.0.2",
                "transfer@192.168.0.3", "preinstall@192.168.0.3", "install@192.168.0.3", "version@192.168.0.3", "guc@192.168.0.3", "hba@192.168.0.3", "build@192.168.0.3",
                "transfer@192.168.0.4", "preinstall@192.168.0.4", "install@192.168.0.4", "version@192.168.0.4", "guc@192.168.0.4", "hba@192.168.0.4", "build@192.168.0.4",
            ],
            plan.Steps.Select(s => s.Id));
        Assert.Equal(
            ["guc@192.168.0.3", "hba@192.168.0.3", "guc@192.168.0.1", "hba@192.168.0.1", "guc@192.168.0.2", "hba@192.168.0.2"],
            plan["build@192.168.0.3"].DependsOn);
        // The cascade streams from an existing Normal standby of its AZ, so it does not wait for the new standby's build.
        Assert.DoesNotContain("build@192.168.0.3", plan["build@192.168.0.4"].DependsOn);
        Assert.False(plan["guc@192.168.0.1"].Isolated);
        Assert.True(plan["build@192.168.0.4"].Isolated);
    }

    [Fact]
    public void The_primary_gets_replconninfo_entries_for_the_new_hosts_in_xml_order_with_a_reload()
    {
        var plan = _engine.PlanExpand(Request("192.168.0.3", "192.168.0.4"), State());

        var guc = plan["guc@192.168.0.1"].Action;
        Assert.Equal(["replconninfo2", "replconninfo3"], guc.Settings.Select(s => s.Key));
        Assert.EndsWith("remotehost=192.168.0.4 remoteport=15401 remoteheartbeatport=15405 remoteservice=15404 iscascade=true", guc.Settings[1].Value, StringComparison.Ordinal);
        var command = Assert.Single(guc.Describe()).ToString();
        Assert.StartsWith("omm@192.168.0.1: gs_guc reload -D /opt/data/dn -c 'replconninfo2=", command, StringComparison.Ordinal);
    }

    [Fact]
    public void The_peer_rules_are_trust_as_gs_expansion_writes_them_unless_sha256_is_asked_for()
    {
        var trust = _engine.PlanExpand(Request("192.168.0.3"), State());
        var sha256 = _engine.PlanExpand(Request("192.168.0.3") with { HbaMethod = "sha256" }, State());

        Assert.Equal("omm@192.168.0.1: gs_guc reload -D /opt/data/dn -h 'host    all    omm    192.168.0.3/32    trust'", Assert.Single(trust["hba@192.168.0.1"].Action.Describe()).ToString());
        Assert.Equal("omm@192.168.0.1: gs_guc reload -D /opt/data/dn -h 'host    all    omm    192.168.0.3/32    sha256'", Assert.Single(sha256["hba@192.168.0.1"].Action.Describe()).ToString());
        Assert.All(sha256["hba@192.168.0.3"].Action.Describe(), c => Assert.EndsWith("/32    sha256'", c.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void New_hosts_get_the_next_free_data_node_names_their_az_and_a_full_mesh()
    {
        var plan = _engine.PlanExpand(Request("192.168.0.3", "192.168.0.4"), State());

        var settings = plan["guc@192.168.0.4"].Action.Settings.ToDictionary();
        Assert.Equal("dn_6004", settings["application_name"]);
        Assert.Equal("AZ1", settings["available_zone"]);
        Assert.Equal("/var/log/omm/omm/pg_log/dn_6004", settings["log_directory"]);
        Assert.Equal(["replconninfo1", "replconninfo2", "replconninfo3"], settings.Keys.Where(k => k.StartsWith("replconninfo", StringComparison.Ordinal)));
        Assert.Equal("dn_6003", plan["guc@192.168.0.3"].Action.Settings.ToDictionary()["application_name"]);
        Assert.StartsWith("omm@192.168.0.4: gs_guc set -D", plan["guc@192.168.0.4"].Action.Describe()[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_taken_by_a_live_application_name_is_not_reused()
    {
        var state = State(standbyApplicationName: "dn_6003");

        var plan = _engine.PlanExpand(Request("192.168.0.3"), state);

        Assert.Equal("dn_6004", plan["guc@192.168.0.3"].Action.Settings.ToDictionary()["application_name"]);
    }

    [Fact]
    public void The_package_goes_to_the_same_path_and_preinstall_runs_from_it_with_a_one_node_xml()
    {
        var plan = _engine.PlanExpand(Request("192.168.0.3"), State());

        Assert.Equal(
            [
                "/pkg/openGauss-Server-6.0.0-Debian12-64bit.tar.bz2 -> root@192.168.0.3:/pkg/openGauss-Server-6.0.0-Debian12-64bit.tar.bz2",
                "/pkg/openGauss-Server-6.0.0-Debian12-64bit.sha256 -> root@192.168.0.3:/pkg/openGauss-Server-6.0.0-Debian12-64bit.sha256",
                "/pkg/openGauss-OM-6.0.0-Debian12-64bit.tar.gz -> root@192.168.0.3:/pkg/openGauss-OM-6.0.0-Debian12-64bit.tar.gz",
            ],
            plan["transfer@192.168.0.3"].Action.Transfers);
        var preinstall = plan["preinstall@192.168.0.3"].Action.Describe().Select(c => c.ToString()).ToList();
        Assert.Equal(
            "root@192.168.0.3: /pkg/script/gs_preinstall -U omm -G dbgrp -X /pkg/ogscale-node3.xml --non-interactive --skip-hostname-set",
            preinstall[1]);
        var install = plan["install@192.168.0.3"].Action.Describe().Select(c => c.ToString()).ToList();
        Assert.Equal(
            "omm@192.168.0.3: python3 /opt/om/script/local/Install.py -t install_cluster -U omm:dbgrp -X /pkg/ogscale-node3.xml -R /opt/app -c test -l /var/log/omm/omm/om/gs_local.log",
            install[0]);
    }

    [Fact]
    public void Local_mode_skips_the_install_and_clears_the_new_hosts_synchronous_standby_names()
    {
        var plan = _engine.PlanExpand(Request("192.168.0.3") with { LocalMode = true }, State());

        Assert.DoesNotContain(plan.Steps, s => s.Id.StartsWith("transfer", StringComparison.Ordinal) || s.Id.StartsWith("install", StringComparison.Ordinal));
        Assert.Equal("", plan["guc@192.168.0.3"].Action.Settings.ToDictionary()["synchronous_standby_names"]);
    }

    [Fact]
    public void The_finish_removes_a_failed_hosts_entries_renumbers_and_regenerates_the_static_config_without_it()
    {
        // After the run: node3 succeeded (not yet listed by gs_om), node4 failed; node1 holds entries for both.
        var state = State(primaryReplconninfo: ["192.168.0.2", "192.168.0.3", "192.168.0.4"]);

        var finish = _engine.PlanExpandFinish(Request("192.168.0.3", "192.168.0.4"), state, new HashSet<string> { "192.168.0.4" });

        var primaryGuc = finish["cleanup-guc@192.168.0.1"].Action.Settings;
        Assert.Equal([new KeyValuePair<string, string>("replconninfo3", "")], primaryGuc);
        var unhba = Assert.Single(finish["cleanup-hba@192.168.0.1"].Action.Describe()).ToString();
        Assert.Equal("omm@192.168.0.1: gs_guc reload -D /opt/data/dn -h 'host    all    omm    192.168.0.4/32'", unhba);
        var staticConfig = finish["staticconf@192.168.0.1"].Action.Describe().Select(c => c.ToString()).ToList();
        Assert.Contains("omm@192.168.0.1: gs_om -t generateconf -X /opt/tmp/ogscale-cluster.xml", staticConfig);
        // `--` before the operands: the user@host:path target is never an scp option.
        Assert.Contains(staticConfig, c => c.Contains("scp -q -o BatchMode=yes -o StrictHostKeyChecking=yes -P 22 -- /opt/om/script/static_config_files/cluster_static_config_node3 omm@192.168.0.3:/opt/app/bin/cluster_static_config", StringComparison.Ordinal));
        Assert.DoesNotContain(staticConfig, c => c.Contains("cluster_static_config_node4", StringComparison.Ordinal));

        // node4 is a cascade of node2: its slot there goes (its walsender ended first); node1 keeps node3's.
        var dropSlot = finish["cleanup-slot@192.168.0.2"].Action.Describe().Select(c => c.ToString()).ToList();
        Assert.Contains(dropSlot, c => c.Contains("pg_terminate_backend", StringComparison.Ordinal) && c.Contains("192.168.0.4", StringComparison.Ordinal));
        Assert.Contains(dropSlot, c => c.Contains("pg_drop_replication_slot", StringComparison.Ordinal) && c.Contains("dn_6004", StringComparison.Ordinal));
        Assert.DoesNotContain(finish.Steps, s => s.Id == "cleanup-slot@192.168.0.1");
        Assert.Contains("cleanup-slot@192.168.0.2", finish["staticconf@192.168.0.1"].DependsOn);
    }

    [Fact]
    public void Checks_refuse_a_wrong_environment_a_bad_package_and_a_foreign_data_dir()
    {
        var state = State() with
        {
            Facts = OgFacts.Of(State()) with
            {
                Environment = OgFacts.Of(State()).Environment with { GaussHome = "/elsewhere" },
                PackageError = "/pkg must hold exactly one openGauss-Server-*-64bit.tar.bz2",
            },
        };
        state = state with { Nodes = [.. state.Nodes.Select(n => n.Node.BackIp == "192.168.0.3" ? n with { DataDirectory = DataDirectoryState.NotEmpty } : n)] };

        var errors = _engine.CheckExpand(Request("192.168.0.3"), state).Where(r => !r.Ok).Select(r => r.Message).ToList();

        Assert.Contains("GAUSSHOME is /elsewhere on the primary but the XML says /opt/app (GAUSS-35711)", errors);
        Assert.Contains("/pkg must hold exactly one openGauss-Server-*-64bit.tar.bz2", errors);
        Assert.Contains("node3: the data directory /opt/data/dn is not empty", errors);
    }

    [Fact]
    public void Checks_pass_for_a_healthy_cluster()
    {
        var results = _engine.CheckExpand(Request("192.168.0.3", "192.168.0.4"), State());

        Assert.All(results, r => Assert.True(r.Ok, r.Message));
    }

    [Fact]
    public void Checks_refuse_an_xml_that_leaves_out_a_live_standby_naming_it_and_the_fix()
    {
        // gs_om lists node5 (192.168.0.5, a standby that may be down), which has no DEVICE in the XML.
        var state = State() with { Facts = OgFacts.Of(State()) with { Members = ["192.168.0.1", "192.168.0.2", "192.168.0.5"], MemberNames = GsOmNames } };

        var results = _engine.CheckExpand(Request("192.168.0.3"), state);

        var error = Assert.Single(results, r => !r.Ok);
        Assert.Equal("xml-members", error.Check);
        Assert.Equal("192.168.0.5", error.Host);
        Assert.Equal(
            "node5 (192.168.0.5) is a member of the cluster (gs_om -t status) but has no DEVICE in test.xml; gs_expansion refuses such an XML "
                + "(\"not config in XML\"): expanding with it would remove the node's replconninfo entries from every node and drop it from the static config",
            error.Message);
        Assert.Equal(
            "add the DEVICE of node5 (192.168.0.5) to the XML (the XML the cluster was installed with, extended by the new hosts), or drop it first with `ogscale dropnode -h 192.168.0.5`",
            error.Hint);
        Assert.False(new PreflightReport(results).Passed);
    }

    [Fact]
    public void Checks_pass_an_xml_that_has_every_live_member()
    {
        var state = State() with { Facts = OgFacts.Of(State()) with { Members = ["192.168.0.1", "192.168.0.2"], MemberNames = GsOmNames } };

        var results = _engine.CheckExpand(Request("192.168.0.3", "192.168.0.4"), state);

        Assert.All(results, r => Assert.True(r.Ok, r.Message));
        Assert.Contains(results, r => r.Check == "xml-members" && r.Message == "every member of the cluster (2) has a DEVICE in the XML");
    }

    private static ClusterConfig Cascade(ClusterConfig cluster, int index) =>
        cluster with { TmpPath = "/opt/tmp", Nodes = [.. cluster.Nodes.Select(n => n.Index == index ? n with { Role = NodeRole.CascadeStandby } : n)] };

    private static ExpandRequest Request(params string[] hosts) => new()
    {
        Config = Cluster,
        Hosts = hosts,
        User = "omm",
        Group = "dbgrp",
        Timeout = TimeSpan.FromSeconds(300),
        Parallelism = 6,
        EnvironmentFile = "~/.bashrc",
        PackageDirectory = "/pkg",
    };

    private static ClusterState State(string standbyApplicationName = "dn_6002", string[]? primaryReplconninfo = null)
    {
        var peers = primaryReplconninfo ?? ["192.168.0.2"];
        NodeStatus Member(NodeConfig n, int id, LiveRole role, IReadOnlyList<string> replPeers, string appName) => new()
        {
            Node = n, Reachable = true, IsMember = true, Running = true, Role = role, State = "Normal", InstanceId = id, Version = "openGauss 6.0.0 build x",
            Settings = new Dictionary<string, string>(replPeers.Select((p, i) => new KeyValuePair<string, string>(
                ReplConnInfo.SettingName(i + 1), ReplConnInfo.Between(n, Cluster.FindByBackIp(p)!).Format())))
            {
                ["application_name"] = appName, ["available_zone"] = "AZ1", ["status_data_dir"] = n.DataDir, ["max_wal_senders"] = "16", ["senders"] = "1",
            },
        };
        return new ClusterState
        {
            ClusterStateText = "Normal",
            Facts = new OgFacts
            {
                StatusSucceeded = true, GsOmVersion = "gs_om (openGauss OM 6.0.0 build x)",
                Environment = new OgEnvironment(GaussHome: "/opt/app", GpHome: "/opt/om", PgHost: "/opt/tmp", GaussLog: "/var/log/omm/omm"),
                Package = new OgPackage(
                    "/pkg", "/pkg/openGauss-Server-6.0.0-Debian12-64bit.tar.bz2", "/pkg/openGauss-Server-6.0.0-Debian12-64bit.sha256",
                    "/pkg/openGauss-OM-6.0.0-Debian12-64bit.tar.gz", "00"),
            },
            Nodes =
            [
                Member(Cluster.Nodes[0], 6001, LiveRole.Primary, peers, "dn_6001"),
                Member(Cluster.Nodes[1], 6002, LiveRole.Standby, ["192.168.0.1"], standbyApplicationName),
                new NodeStatus { Node = Cluster.Nodes[2], Reachable = true, IsMember = false, Running = false, DataDirectory = DataDirectoryState.Absent },
                new NodeStatus { Node = Cluster.Nodes[3], Reachable = true, IsMember = false, Running = false, DataDirectory = DataDirectoryState.Absent },
            ],
        };
    }
}
