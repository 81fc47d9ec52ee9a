using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Engines.PostgreSql;
using OpenGaussScale.Core.Model;
using OpenGaussScale.Core.Tests.Fakes;

namespace OpenGaussScale.Core.Tests.Engines;

public sealed class PostgreSqlPlanTests
{
    // ognode1 primary; ognode2 and ognode3 new standbys; ognode4 a new cascade in AZ1.
    private static readonly ClusterConfig Cluster = WithCascade(TestContexts.Cluster("127.0.0.11", "127.0.0.12", "127.0.0.13", "127.0.0.14"), 3);
    private readonly PostgreSqlEngine _engine = new();

    [Fact]
    public void New_standbys_come_before_the_cascade_and_the_cascade_waits_for_its_upstream()
    {
        var plan = _engine.PlanExpand(Request("127.0.0.14", "127.0.0.12", "127.0.0.13"), State());

        Assert.Equal(
            [
                "prepare@127.0.0.12", "allow@127.0.0.12", "credential@127.0.0.12", "slot@127.0.0.12", "basebackup@127.0.0.12", "start@127.0.0.12", "wait@127.0.0.12",
                "prepare@127.0.0.13", "allow@127.0.0.13", "credential@127.0.0.13", "slot@127.0.0.13", "basebackup@127.0.0.13", "start@127.0.0.13", "wait@127.0.0.13",
                "prepare@127.0.0.14", "allow@127.0.0.14", "credential@127.0.0.14", "slot@127.0.0.14", "basebackup@127.0.0.14", "start@127.0.0.14", "wait@127.0.0.14",
            ],
            plan.Steps.Select(s => s.Id));
        Assert.Equal(["wait@127.0.0.12"], plan["allow@127.0.0.14"].DependsOn);
        Assert.Equal(["allow@127.0.0.14", "wait@127.0.0.12"], plan["credential@127.0.0.14"].DependsOn);
        Assert.Contains("credential@127.0.0.14", plan["basebackup@127.0.0.14"].DependsOn);
        Assert.Equal("hba@127.0.0.12", plan["allow@127.0.0.14"].ExclusiveKey);
        Assert.Equal("hba@127.0.0.11", plan["allow@127.0.0.13"].ExclusiveKey);
        Assert.All(plan.Steps, s => Assert.True(s.Isolated));
    }

    [Fact]
    public void The_base_backup_streams_from_the_upstream_with_the_slot_and_the_node_name_and_listens_on_its_own_address()
    {
        var plan = _engine.PlanExpand(Request("127.0.0.12", "127.0.0.14"), State());

        var cascadeBackup = plan["basebackup@127.0.0.14"].Action.Describe().Select(c => c.ToString()).ToList();
        Assert.Equal(
            "omm@127.0.0.14: env -u PGPASSWORD pg_basebackup -h 127.0.0.12 -p 15400 -U ogscale_repl_node4 -w -D /opt/data/dn -X stream -c fast -S node4 -R -d application_name=node4",
            cascadeBackup[0]);
        Assert.EndsWith("/opt/data/dn 'listen_addresses = '\\''127.0.0.14'\\'''", cascadeBackup[1], StringComparison.Ordinal);
        Assert.Equal(
            "omm@127.0.0.12: sh -c " ,
            plan["allow@127.0.0.14"].Action.Describe()[0].ToString()[.."omm@127.0.0.12: sh -c ".Length]);
        Assert.Contains("'host    replication    ogscale_repl_node4    127.0.0.14/32    scram-sha-256'", plan["allow@127.0.0.14"].Action.Describe()[0].ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(plan.Steps.SelectMany(s => s.Action.Describe()), c => c.ToString().Contains("trust", StringComparison.Ordinal));
        Assert.Contains("/opt/data/dn/pg_hba.conf", plan["allow@127.0.0.14"].Action.Describe()[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_credential_goes_to_the_standbys_pgpass_and_the_primary_and_is_tried_against_the_upstream()
    {
        var plan = _engine.PlanExpand(Request("127.0.0.12", "127.0.0.14"), State());

        var commands = plan["credential@127.0.0.14"].Action.Describe();
        Assert.Equal(("127.0.0.14", "omm"), (commands[0].Host, commands[0].User));
        Assert.EndsWith("ogscale-pgpass write '*:*:replication:ogscale_repl_node4:'", commands[0].ToString(), StringComparison.Ordinal);
        Assert.Equal("omm@127.0.0.11: psql -X -A -t -q -v ON_ERROR_STOP=1 -v VERBOSITY=terse -p 15400 -d postgres -f -", commands[1].ToString());
        Assert.Equal(
            "omm@127.0.0.14: env -u PGPASSWORD psql -X -A -t -q -w -d 'host=127.0.0.12 port=15400 user=ogscale_repl_node4 dbname=replication replication=true connect_timeout=10' -c IDENTIFY_SYSTEM",
            commands[2].ToString());
    }

    [Fact]
    public void An_hba_method_is_refused_for_postgresql()
    {
        var error = Assert.Single(_engine.CheckExpand(Request("127.0.0.12") with { HbaMethod = "sha256" }, State()), r => !r.Ok);

        Assert.Equal("--hba-method sha256 is for the openGauss engine; a PostgreSQL standby always streams as its own replication role with scram-sha-256", error.Message);
    }

    [Fact]
    public void Two_plans_of_the_same_inputs_are_identical_to_the_byte()
    {
        string Render() => string.Join("\n", _engine.PlanExpand(Request("127.0.0.13", "127.0.0.12"), State()).Steps
            .SelectMany(s => s.Action.Describe().Select(c => $"{s.Id} {c}")));

        Assert.Equal(Render(), Render());
    }

    [Fact]
    public void A_failed_host_is_forgotten_on_the_upstream_that_holds_its_slot()
    {
        var state = State(slotsOnPrimary: "node3");

        var finish = _engine.PlanExpandFinish(Request("127.0.0.12", "127.0.0.13"), state, new HashSet<string> { "127.0.0.13" });

        var step = Assert.Single(finish.Steps);
        Assert.Equal(("forget@127.0.0.13", "127.0.0.11", false), (step.Id, step.Host, step.Isolated));
        var commands = step.Action.Describe().Select(c => c.ToString()).ToList();
        Assert.StartsWith("omm@127.0.0.13: sh -c", commands[0], StringComparison.Ordinal);
        Assert.Contains("pg_drop_replication_slot", commands[1], StringComparison.Ordinal);
        Assert.Contains("'host    replication    ogscale_repl_node3    127.0.0.13/32    scram-sha-256'", commands[2], StringComparison.Ordinal);
        Assert.Equal("omm@127.0.0.11: psql -X -A -t -q -F '|' -v ON_ERROR_STOP=1 -p 15400 -d postgres -c 'drop role if exists \"ogscale_repl_node3\"'", commands[4]);
    }

    [Fact]
    public void A_cascade_without_a_standby_in_its_az_is_refused()
    {
        var cluster = WithCascade(TestContexts.Cluster("127.0.0.11", "127.0.0.12"), 1);
        var request = Request("127.0.0.12") with { Config = cluster };

        var error = Assert.Single(_engine.CheckExpand(request, State(cluster)), r => !r.Ok);

        Assert.Equal(("cascade-az", "cascade standby node2 has no Normal standby in its AZ AZ1 to stream from"), (error.Check, error.Message));
    }

    [Fact]
    public void Checks_pass_for_a_healthy_primary_with_room()
    {
        var results = _engine.CheckExpand(Request("127.0.0.12", "127.0.0.13", "127.0.0.14"), State());

        Assert.All(results, r => Assert.True(r.Ok, r.Message));
    }

    [Fact]
    public void Too_few_free_senders_is_an_error_naming_the_numbers()
    {
        var results = _engine.CheckExpand(Request("127.0.0.12", "127.0.0.13"), State(maxSenders: "3", senders: "2"));

        var error = Assert.Single(results, r => !r.Ok);
        Assert.Equal("node1: 2 new standbys need 2 free WAL senders and slots; 1 senders and 10 slots are free", error.Message);
    }

    private static ClusterConfig WithCascade(ClusterConfig cluster, int index) =>
        cluster with { Nodes = [.. cluster.Nodes.Select(n => n.Index == index ? n with { Role = NodeRole.CascadeStandby } : n)] };

    private static ExpandRequest Request(params string[] hosts) => new()
    {
        Config = Cluster,
        Hosts = hosts,
        User = "omm",
        Group = "dbgrp",
        Timeout = TimeSpan.FromSeconds(300),
        Parallelism = 3,
        EnvironmentFile = "~/.bashrc",
    };

    private static ClusterState State(ClusterConfig? cluster = null, string maxSenders = "10", string senders = "0", string slotsOnPrimary = "") => new()
    {
        ClusterStateText = "Normal",
        Facts = new PgFacts { Home = "/home/omm" },
        Nodes = [.. (cluster ?? Cluster).Nodes.Select(n => n.Role == NodeRole.Primary
            ? new NodeStatus
            {
                Node = n, Reachable = true, IsMember = true, Running = true, Role = LiveRole.Primary, State = "Normal", Version = "150010",
                Settings = new Dictionary<string, string>
                {
                    ["wal_level"] = "replica", ["max_wal_senders"] = maxSenders, ["senders"] = senders, ["max_replication_slots"] = "10",
                    ["slots"] = "0", ["slot_names"] = slotsOnPrimary, ["listen_addresses"] = n.BackIp, ["hba_file"] = $"{n.DataDir}/pg_hba.conf",
                },
            }
            : new NodeStatus { Node = n, Reachable = true, IsMember = false, Running = false, Role = LiveRole.Down, State = "Down", DataDirectory = DataDirectoryState.Absent })],
    };
}
