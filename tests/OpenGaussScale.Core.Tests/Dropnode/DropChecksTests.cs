using OpenGaussScale.Core.Model;
using OpenGaussScale.Core.Preflight;
using static OpenGaussScale.Core.Tests.Dropnode.DropFixtures;

namespace OpenGaussScale.Core.Tests.Dropnode;

public sealed class DropChecksTests
{
    [Fact]
    public void A_healthy_cluster_passes()
    {
        Assert.All(DropChecks.Run(Request(S3), PostgreSql()), c => Assert.True(c.Ok, c.Message));
    }

    [Fact]
    public void A_target_that_is_down_or_unreachable_is_only_a_warning()
    {
        var state = PostgreSql(change: n => n.Node.BackIp == S3 ? n with { Reachable = false, Running = false, Role = LiveRole.Unknown, State = "Unknown", ReachError = "connection refused" } : n);

        var target = Assert.Single(DropChecks.Run(Request(S3), state), c => !c.Ok);

        Assert.Equal(CheckSeverity.Warning, target.Severity);
        Assert.Equal("node3 cannot be reached (connection refused); it is dropped without being stopped", target.Message);
    }

    [Fact]
    public void A_kept_standby_that_cannot_be_reached_or_is_not_normal_stops_the_run()
    {
        var unreachable = PostgreSql(change: n => n.Node.BackIp == S2 ? n with { Reachable = false, ReachError = "connection refused" } : n);
        var repairing = PostgreSql(change: n => n.Node.BackIp == S2 ? n with { State = "Need repair" } : n);

        var first = Assert.Single(DropChecks.Run(Request(S3), unreachable), c => !c.Ok);
        var second = Assert.Single(DropChecks.Run(Request(S3), repairing), c => !c.Ok);

        Assert.Contains("(GAUSS-35807)", first.Message, StringComparison.Ordinal);
        Assert.Equal("bring it back, or add it to the list of hosts to be dropped if it is a target host", first.Hint);
        Assert.Equal("the node 'node2' status is Standby Need repair; all the nodes should be normal except the target ones (GAUSS-51651)", second.Message);
    }

    [Fact]
    public void Not_a_member_the_primary_a_switchover_and_an_unavailable_cluster_are_errors()
    {
        var state = PostgreSql(change: n => n.Node.BackIp switch
        {
            S3 => n with { IsMember = false },
            C4 => n with { State = "Promoting" },
            _ => n,
        }) with { ClusterStateText = "Unavailable" };

        var errors = DropChecks.Run(Request(S3, P), state).Where(c => c.Severity == CheckSeverity.Error).Select(c => c.Message).ToList();

        Assert.Contains("current status of cluster is Unavailable; it doesn't meet the requirement (GAUSS-35806)", errors);
        Assert.Contains("node1 (10.0.0.1) is the primary; it cannot be dropped (GAUSS-35803)", errors);
        Assert.Contains("-h: the IP list of target node: [10.0.0.3] is not in the current cluster (GAUSS-35802)", errors);
        Assert.Contains(errors, e => e.EndsWith("(GAUSS-35808)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_resumed_drop_goes_on_for_a_target_of_the_xml_its_own_run_already_took_out_of_the_cluster()
    {
        var state = PostgreSql(change: n => n.Node.BackIp == S3 ? n with { IsMember = false, Running = false } : n);

        var fresh = DropChecks.Run(Request(S3), state).Where(c => c.Severity == CheckSeverity.Error).Select(c => c.Message);
        var resumed = DropChecks.Run(Request(S3) with { Resuming = true }, state).ToList();

        Assert.Contains("-h: the IP list of target node: [10.0.0.3] is not in the current cluster (GAUSS-35802)", fresh);
        Assert.DoesNotContain(resumed, c => c.Severity == CheckSeverity.Error);
        Assert.Contains(resumed, c => c.Host == S3 && c.Message.EndsWith("is out of the cluster already (the interrupted run took it out); the drop goes on", StringComparison.Ordinal));
    }

    [Fact]
    public void A_resumed_drop_accepts_the_unavailable_state_its_own_run_left_while_a_new_one_does_not()
    {
        var state = PostgreSql() with { ClusterStateText = "Unavailable" };

        var fresh = DropChecks.Run(Request(S3), state).Single(c => c.Check == "cluster-state");
        var resumed = DropChecks.Run(Request(S3) with { Resuming = true }, state).Single(c => c.Check == "cluster-state");

        Assert.Equal(CheckSeverity.Error, fresh.Severity);
        Assert.NotEqual(CheckSeverity.Error, resumed.Severity);
        Assert.Equal("cluster_state Unavailable: the primary stands alone after the interrupted run's own changes", resumed.Message);
    }

    [Fact]
    public void Kept_and_orphans_follow_the_probe()
    {
        var request = Request(S2);
        var state = PostgreSql();

        Assert.Equal([P, S3, C4], DropTopology.Kept(request, state).Select(k => k.Node.BackIp));
        Assert.Equal([C4], DropTopology.Orphans(request, state).Select(k => k.Node.BackIp));
        Assert.False(DropTopology.IsSingleNode(request, state));
    }
}
