using OpenGaussScale.Core.Engines.OpenGauss;
using OpenGaussScale.Core.Model;
using static OpenGaussScale.Core.Tests.Dropnode.DropFixtures;

namespace OpenGaussScale.Core.Tests.Dropnode;

public sealed class OpenGaussDropPlanTests
{
    private readonly OpenGaussEngine _engine = new();

    [Fact]
    public void The_order_is_backups_then_each_kept_node_then_stops_then_slots_then_the_static_config()
    {
        var plan = _engine.PlanDrop(Request(S3), OpenGauss());

        Assert.Equal(
            [
                "backup@10.0.0.1", "backup@10.0.0.2", "backup@10.0.0.4",
                "guc@10.0.0.1", "hba@10.0.0.1", "guc@10.0.0.2", "hba@10.0.0.2", "guc@10.0.0.4", "hba@10.0.0.4",
                "stop@10.0.0.3",
                "slot@10.0.0.1", "slot@10.0.0.2", "slot@10.0.0.4",
                "staticconf@10.0.0.1",
            ],
            plan.Steps.Select(s => s.Id));
        // A chain: each step waits for the one before it, and every failure stops the run.
        Assert.Equal(["backup@10.0.0.4"], plan["guc@10.0.0.1"].DependsOn);
        Assert.All(plan.Steps, s => Assert.False(s.Isolated));
    }

    [Fact]
    public void The_backup_is_the_originals_directory_and_backup_script()
    {
        var plan = _engine.PlanDrop(Request(S3), OpenGauss());

        var command = Assert.Single(plan["backup@10.0.0.2"].Action.Describe()).ToString();
        Assert.EndsWith("ogscale-backup /opt/tmp/gs_dropnode_backup20261125231042 omm node2", command, StringComparison.Ordinal);
        Assert.Contains("$GPHOME/script/local/Backup.py", command, StringComparison.Ordinal);
    }

    [Fact]
    public void Replconninfo_is_renumbered_one_to_k_with_the_tail_cleared()
    {
        var plan = _engine.PlanDrop(Request(S2), OpenGauss(change: n => n.Node.BackIp == C4 ? n with { Upstream = S3 } : n));

        // The primary had node2, node3, node4 as 1, 2, 3: now node3 and node4 as 1 and 2, and 3 cleared.
        var settings = plan["guc@10.0.0.1"].Action.Settings.ToDictionary();
        Assert.Equal(["replconninfo1", "replconninfo2", "replconninfo3"], settings.Keys);
        Assert.Contains("remotehost=10.0.0.3 ", settings["replconninfo1"], StringComparison.Ordinal);
        Assert.Contains("remotehost=10.0.0.4 ", settings["replconninfo2"], StringComparison.Ordinal);
        Assert.EndsWith("iscascade=true", settings["replconninfo2"], StringComparison.Ordinal);
        Assert.Equal("", settings["replconninfo3"]);
        Assert.DoesNotContain(plan.Steps.SelectMany(s => s.Action.Settings), s => s.Value.Contains("10.0.0.2 ", StringComparison.Ordinal));
        Assert.StartsWith("omm@10.0.0.1: gs_guc reload -D /opt/data/dn -c 'replconninfo1=", plan["guc@10.0.0.1"].Action.Describe()[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Hba_rules_are_removed_in_the_method_less_form_on_every_kept_node()
    {
        var plan = _engine.PlanDrop(Request(S3), OpenGauss());

        foreach (var host in new[] { P, S2, C4 })
        {
            var command = Assert.Single(plan[$"hba@{host}"].Action.Describe()).ToString();
            Assert.Equal($"omm@{host}: gs_guc reload -D /opt/data/dn -h 'host    all    omm    10.0.0.3/32'", command);
        }
    }

    [Fact]
    public void Synchronous_standby_names_lose_the_targets_live_names_and_a_plain_list_without_them_stays()
    {
        var named = _engine.PlanDrop(Request(S3), OpenGauss("ANY 1 (dn_6002, dn_6003)"));
        Assert.Equal("ANY 1(dn_6002)", named["guc@10.0.0.1"].Action.Settings.ToDictionary()["synchronous_standby_names"]);

        // A live application_name that differs from the static config's id (a regenerated static config renumbers) is used too.
        var renamed = _engine.PlanDrop(Request(S3), OpenGauss("FIRST 2 (dn_6002, dn_6009)", n => n.Node.BackIp == S3
            ? n with { Settings = new Dictionary<string, string>(n.Settings) { ["application_name"] = "dn_6009" } }
            : n));
        Assert.Equal("FIRST 1(dn_6002)", renamed["guc@10.0.0.1"].Action.Settings.ToDictionary()["synchronous_standby_names"]);

        var plain = _engine.PlanDrop(Request(S3), OpenGauss("dn_6002, dn_6004"));
        Assert.DoesNotContain("synchronous_standby_names", plain["guc@10.0.0.1"].Action.Settings.ToDictionary().Keys);
    }

    [Fact]
    public void A_kept_nodes_live_name_is_never_removed_even_when_it_equals_a_targets_static_id()
    {
        var state = OpenGauss(change: n => n.Node.BackIp == S2 ? n with { Settings = new Dictionary<string, string>(n.Settings) { ["application_name"] = "dn_6003" } }
            : n.Node.BackIp == S3 ? n with { Settings = new Dictionary<string, string>(n.Settings) { ["application_name"] = "dn_6002" } } : n);

        Assert.Equal(["dn_6002"], _engine.StandbyNames(Request(S3), state, S3));
    }

    [Fact]
    public void The_target_stops_immediately_and_its_walsender_is_checked_on_its_upstream()
    {
        var plan = _engine.PlanDrop(Request(C4), OpenGauss());

        var commands = plan["stop@10.0.0.4"].Action.Describe().Select(c => c.ToString()).ToList();
        Assert.Equal("omm@10.0.0.4: gs_ctl stop -D /opt/data/dn -M immediate", commands[0]);
        Assert.Equal("omm@10.0.0.2: gs_ctl query -D /opt/data/dn", commands[1]);
        Assert.Equal("omm@10.0.0.2: gsql -d postgres -p 15400 -A -t -c 'SELECT pg_terminate_backend(pid) FROM pg_stat_replication WHERE client_addr = '\\''10.0.0.4'\\'';'", commands[2]);
        Assert.Contains(
            "omm@10.0.0.2: gsql -d postgres -p 15400 -A -t -c 'SET enable_slot_log TO 1;SELECT pg_drop_replication_slot('\\''dn_6004'\\'');'",
            plan["slot@10.0.0.2"].Action.Describe().Select(c => c.ToString()));
    }

    [Fact]
    public void An_unreachable_target_is_not_stopped_and_a_down_one_neither()
    {
        var state = OpenGauss(change: n => n.Node.BackIp == S3 ? n with { Reachable = false, Running = false, Role = LiveRole.Unknown, State = "Unknown" } : n);

        var plan = _engine.PlanDrop(Request(S3), state);

        Assert.DoesNotContain(plan.Steps, s => s.Action.Name == "stop");
        Assert.Contains(plan.Steps, s => s.Id == "slot@10.0.0.1");
    }

    [Fact]
    public void The_static_config_lists_the_kept_nodes()
    {
        var plan = _engine.PlanDrop(Request(S3), OpenGauss());

        var commands = plan["staticconf@10.0.0.1"].Action.Describe().Select(c => c.ToString()).ToList();
        Assert.Contains("omm@10.0.0.1: gs_om -t generateconf -X /opt/tmp/ogscale-cluster.xml", commands);
        Assert.Contains(commands, c => c.Contains("cluster_static_config_node4 omm@10.0.0.4:/opt/app/bin/cluster_static_config", StringComparison.Ordinal));
        Assert.DoesNotContain(commands, c => c.Contains("node3", StringComparison.Ordinal));
    }

    [Fact]
    public void Single_node_mode_clears_everything_on_the_primary_and_restarts_only_when_asked()
    {
        var state = OpenGauss("ANY 1(dn_6002, dn_6003)");
        var plan = _engine.PlanDrop(Request(S2, S3, C4), state);

        var settings = plan["guc@10.0.0.1"].Action.Settings.ToDictionary();
        Assert.Equal(["replconninfo1", "replconninfo2", "replconninfo3", "synchronous_standby_names"], settings.Keys);
        Assert.All(settings.Values, v => Assert.Equal("", v));
        Assert.Equal(["staticconf@10.0.0.1", "dynamicconf@10.0.0.1"], plan.Steps.Skip(plan.Steps.Count - 2).Select(s => s.Id));
        Assert.True(DropTopology.IsSingleNode(Request(S2, S3, C4), state));

        var restarting = _engine.PlanDrop(Request(S2, S3, C4) with { RestartPrimary = true }, state);
        Assert.Equal(
            ["omm@10.0.0.1: gs_ctl stop -D /opt/data/dn -M immediate", "omm@10.0.0.1: sh -c 'python3 \"$GPHOME/script/local/StartInstance.py\" -U \"$1\" -D \"$2\"' ogscale-start omm /opt/data/dn"],
            restarting["restart@10.0.0.1"].Action.Describe().Select(c => c.ToString()));
    }

    [Fact]
    public void Dropping_the_upstream_of_a_cascade_that_stays_is_refused_with_a_hint()
    {
        var checks = _engine.CheckDrop(Request(S2), OpenGauss());

        var cascade = Assert.Single(checks, c => c.Check == "cascade");
        Assert.False(cascade.Ok);
        Assert.Equal("drop it too (add 10.0.0.4 to -h), or rebuild it from another standby first", cascade.Hint);
        Assert.DoesNotContain(_engine.CheckDrop(Request(S2, C4), OpenGauss()), c => !c.Ok);
    }

    [Fact]
    public void With_an_xml_every_gs_om_member_must_be_in_it()
    {
        var state = OpenGauss() with { Facts = OgFacts.Of(OpenGauss()) with { Members = ["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.9"] } };

        var error = Assert.Single(_engine.CheckDrop(Request(S3), state), c => !c.Ok);

        Assert.Equal("xml-consistency", error.Check);
        Assert.Contains("10.0.0.9 is a member of the cluster (gs_om -t status) but not in test.xml", error.Message, StringComparison.Ordinal);
    }
}
