using OpenGaussScale.Core.Engines.PostgreSql;
using static OpenGaussScale.Core.Tests.Dropnode.DropFixtures;

namespace OpenGaussScale.Core.Tests.Dropnode;

public sealed class PostgreSqlDropPlanTests
{
    private readonly PostgreSqlEngine _engine = new();

    [Fact]
    public void Synchronous_names_go_before_the_stop_and_the_stop_before_the_slot()
    {
        var plan = _engine.PlanDrop(Request(S3), PostgreSql("ANY 1 (node2, node3)"));

        Assert.Equal(
            [
                "backup@10.0.0.1", "backup@10.0.0.2", "backup@10.0.0.4",
                "guc@10.0.0.1", "hba@10.0.0.1", "hba@10.0.0.2", "hba@10.0.0.4",
                "stop@10.0.0.3",
                "slot@10.0.0.1",
                "roles@10.0.0.1",
            ],
            plan.Steps.Select(s => s.Id));
        // One -c per statement: ALTER SYSTEM cannot run inside the transaction block of a multi-statement -c.
        Assert.Equal("omm@10.0.0.1: psql -X -A -t -q -v ON_ERROR_STOP=1 -p 15400 -d postgres -c "
            + "'alter system set synchronous_standby_names = '\\''ANY 1(node2)'\\''' -c 'select pg_reload_conf()'",
            Assert.Single(plan["guc@10.0.0.1"].Action.Describe()).ToString());
    }

    [Fact]
    public void Exactly_the_targets_replication_rules_leave_pg_hba_with_a_backup()
    {
        var plan = _engine.PlanDrop(Request(S3, C4), PostgreSql());

        var remove = plan["hba@10.0.0.1"].Action.Describe()[0].ToString();
        Assert.EndsWith(
            "ogscale-hba-remove /opt/data/dn/pg_hba.conf /opt/data/dn/pg_hba.conf.ogscale-before-dropnode-20261125231042 "
            + "'host    replication    ogscale_repl_node3    10.0.0.3/32    scram-sha-256' 'host    replication    omm    10.0.0.3/32    trust' "
            + "'host    replication    ogscale_repl_node4    10.0.0.4/32    scram-sha-256' 'host    replication    omm    10.0.0.4/32    trust'",
            remove, StringComparison.Ordinal);
        Assert.Contains("grep -vxF", remove, StringComparison.Ordinal);
    }

    [Fact]
    public void The_stop_checks_the_walsender_on_the_upstream_and_slots_go_where_they_are()
    {
        var plan = _engine.PlanDrop(Request(C4), PostgreSql());

        var stop = plan["stop@10.0.0.4"].Action.Describe().Select(c => c.ToString()).ToList();
        Assert.Contains("pg_ctl -D \"$1\" -m immediate -w stop", stop[0], StringComparison.Ordinal);
        Assert.Contains("omm@10.0.0.2: psql", stop[1], StringComparison.Ordinal);
        Assert.EndsWith("'select count(*) from pg_stat_replication where application_name = '\\''node4'\\'''", stop[1], StringComparison.Ordinal);
        Assert.Equal(["slot@10.0.0.2"], plan.Steps.Where(s => s.Action.Name == "slot").Select(s => s.Id));
        Assert.Contains("pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = '\\''node4'\\''",
            Assert.Single(plan["slot@10.0.0.2"].Action.Describe()).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_cascade_whose_upstream_goes_is_repointed_to_the_other_standby_of_its_az_first()
    {
        var state = PostgreSql();
        var checks = _engine.CheckDrop(Request(S2), state);
        Assert.Contains(checks, c => c is { Check: "cascade", Ok: true } && c.Message.EndsWith("it will stream from node3 instead", StringComparison.Ordinal));

        var plan = _engine.PlanDrop(Request(S2), state);

        Assert.Equal(["backup@10.0.0.1", "backup@10.0.0.3", "backup@10.0.0.4", "repoint@10.0.0.4"], plan.Steps.Take(4).Select(s => s.Id));
        var repoint = plan["repoint@10.0.0.4"].Action;
        Assert.Equal("user=ogscale_repl_node4 host=10.0.0.3 port=15400 application_name=node4", repoint.Settings.ToDictionary()["primary_conninfo"]);
        Assert.EndsWith("ogscale-pgpass write '*:*:replication:ogscale_repl_node4:'", repoint.Describe()[0].ToString(), StringComparison.Ordinal);
        Assert.Contains(repoint.Describe(), c => c.Host == S3 && c.ToString().Contains("'host    replication    ogscale_repl_node4    10.0.0.4/32    scram-sha-256'", StringComparison.Ordinal));
        Assert.Equal("node4", repoint.Settings.ToDictionary()["primary_slot_name"]);
        Assert.Contains(repoint.Describe(), c => c.Host == S3 && c.ToString().Contains("pg_create_physical_replication_slot('\\''node4'\\'', true)", StringComparison.Ordinal));
    }

    [Fact]
    public void The_targets_roles_go_from_the_primary_and_their_pgpass_lines_from_the_targets_that_answer()
    {
        var state = PostgreSql(change: n => n.Node.BackIp == C4 ? n with { Reachable = false, Running = false } : n);

        var plan = _engine.PlanDrop(Request(S3, C4), state);

        var roles = plan.Steps.Single(s => s.Action.Name == "roles");
        Assert.Equal("roles@10.0.0.1", roles.Id);
        Assert.Same(plan.Steps[^1], roles);
        Assert.True(plan.Steps.ToList().FindLastIndex(s => s.Action.Name is "stop" or "slot") < plan.Steps.ToList().IndexOf(roles));
        Assert.Equal(
            [
                "omm@10.0.0.1: drop role if exists \"ogscale_repl_node3\"",
                "omm@10.0.0.1: drop role if exists \"ogscale_repl_node4\"",
                "omm@10.0.0.3: remove '*:*:replication:ogscale_repl_node3:'",
            ],
            roles.Action.Describe().Select(c => $"{c.User}@{c.Host}: {(c.Command.Argv[0] == "psql" ? c.Command.Argv[^1] : string.Join(' ', c.Command.Argv.TakeLast(2).Select(Core.Remote.ShellQuote.Quote)))}"));
    }

    [Fact]
    public void Without_another_standby_in_its_az_the_cascade_must_be_dropped_too()
    {
        var state = PostgreSql(change: n => n.Node.BackIp == S3 ? n with { Node = n.Node with { AzName = "AZ2" } } : n);

        var cascade = Assert.Single(_engine.CheckDrop(Request(S2), state), c => c.Check == "cascade");

        Assert.False(cascade.Ok);
        Assert.Equal("drop it too (add 10.0.0.4 to -h)", cascade.Hint);
    }

    [Fact]
    public void Single_node_mode_clears_synchronous_names_and_restarts_only_when_asked()
    {
        var plan = _engine.PlanDrop(Request(S2, S3, C4), PostgreSql("node2"));

        Assert.Equal("", plan["guc@10.0.0.1"].Action.Settings.Single().Value);
        Assert.DoesNotContain(plan.Steps, s => s.Action.Name == "restart");
        Assert.Equal(["stop@10.0.0.2", "stop@10.0.0.3", "stop@10.0.0.4"], plan.Steps.Where(s => s.Action.Name == "stop").Select(s => s.Id));
        // node4's slot was on node2, which goes too: only the primary's slots are dropped.
        Assert.Equal(["slot@10.0.0.1"], plan.Steps.Where(s => s.Action.Name == "slot").Select(s => s.Id));

        var restarting = _engine.PlanDrop(Request(S2, S3, C4) with { RestartPrimary = true }, PostgreSql());
        Assert.Equal("restart@10.0.0.1", restarting.Steps[^1].Id);
        Assert.Contains("pg_ctl -D \"$1\" -l \"$2\" -m fast -w -t \"$3\" restart", restarting.Steps[^1].Action.Describe()[0].ToString(), StringComparison.Ordinal);
    }
}
