using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Errors;
using OpenGaussScale.Core.Preflight;
using OpenGaussScale.Core.Tests.Fakes;

namespace OpenGaussScale.Core.Tests.Preflight;

/// <summary>Where and as whom expand and dropnode may run, with gs_expansion's and gs_dropnode's codes.</summary>
public sealed class RunnerChecksTests
{
    private static readonly ClusterConfig Cluster = TestContexts.Cluster("10.0.0.1", "10.0.0.2", "10.0.0.3");
    private static readonly NodeConfig Primary = Cluster.Nodes[0];
    private static readonly NodeConfig Standby = Cluster.Nodes[1];
    private static readonly Runner Omm = new("omm", IsRoot: false);

    [Fact]
    public void Expand_runs_on_the_primary_or_a_control_host_never_on_a_standby()
    {
        RunnerChecks.RefuseExpandOnAStandby(Primary, Cluster);
        RunnerChecks.RefuseExpandOnAStandby(null, Cluster);

        var error = Assert.Throws<OgscaleException>(() => RunnerChecks.RefuseExpandOnAStandby(Standby, Cluster));
        Assert.Equal("cannot execute this command on node2, which is not primary (GAUSS-50110)", error.Message);
        Assert.Equal(ExitCodes.PreconditionFailed, error.ExitCode);
    }

    [Theory]
    [InlineData("root", true, "postgresql", "the PostgreSQL engine needs the cluster XML (-X): a down standby is in no live view")]
    [InlineData("root", true, "auto", "cannot run this script as a user with the root permission (GAUSS-50105)")]
    [InlineData("dba", false, "opengauss", "without -X dropnode runs on the primary as the cluster user omm, not as dba (GAUSS-50324)")]
    public void Dropnode_without_xml_runs_as_the_cluster_user_on_openGauss(string name, bool isRoot, string engine, string message)
    {
        var error = Assert.Throws<OgscaleException>(() => RunnerChecks.RefuseDropWithoutXml(new Runner(name, isRoot), "omm", engine));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Dropnode_without_xml_as_the_cluster_user_goes_on()
    {
        RunnerChecks.RefuseDropWithoutXml(Omm, "omm", "auto");
    }

    [Fact]
    public void On_a_node_dropnode_runs_on_the_primary_as_the_cluster_user_and_never_drops_itself()
    {
        string Refusal(NodeConfig here, Runner runner, params string[] targets) =>
            Assert.Throws<OgscaleException>(() => RunnerChecks.RefuseDropRunner(here, Cluster, runner, "omm", targets)).Message;

        Assert.EndsWith("(GAUSS-50105)", Refusal(Primary, new Runner("root", true), "10.0.0.2"), StringComparison.Ordinal);
        Assert.EndsWith("(GAUSS-50324)", Refusal(Primary, new Runner("dba", false), "10.0.0.2"), StringComparison.Ordinal);
        Assert.EndsWith("(GAUSS-35804)", Refusal(Standby, Omm, "10.0.0.3"), StringComparison.Ordinal);
        Assert.Equal("the IP of local host 10.0.0.1 is in the target node list; can not drop local host (GAUSS-35803)", Refusal(Primary, Omm, "10.0.0.1"));
        RunnerChecks.RefuseDropRunner(Primary, Cluster, Omm, "omm", ["10.0.0.2"]);
    }

    [Fact]
    public void From_a_control_host_root_may_drop_but_never_the_primary()
    {
        RunnerChecks.RefuseDropRunner(null, Cluster, new Runner("root", true), "omm", ["10.0.0.2"]);

        var error = Assert.Throws<OgscaleException>(() => RunnerChecks.RefuseDropRunner(null, Cluster, new Runner("root", true), "omm", ["10.0.0.2", "10.0.0.1"]));
        Assert.Equal("10.0.0.1 is the primary node1; it cannot be dropped (GAUSS-35803)", error.Message);
    }

    [Fact]
    public void Without_xml_this_host_must_be_a_node_of_the_cluster_its_tools_show()
    {
        RunnerChecks.RefuseLiveViewElsewhere(Primary, "node1");

        var error = Assert.Throws<OgscaleException>(() => RunnerChecks.RefuseLiveViewElsewhere(null, "ctl"));
        Assert.Equal("this host (ctl) is not a node of the cluster gs_om -t status shows; without -X ogscale runs on the primary", error.Message);
        Assert.Equal(ExitCodes.Usage, error.ExitCode);
    }
}
