using OpenGaussScale.Core.Errors;
using OpenGaussScale.Core.Preflight;
using OpenGaussScale.Core.Tests.Fakes;

namespace OpenGaussScale.Core.Tests.Preflight;

public sealed class SupportedClusterTests
{
    [Theory]
    [InlineData("expand", "use openGauss's own gs_expansion for a cluster with CM")]
    [InlineData("dropnode", "use openGauss's own gs_dropnode for a cluster with CM")]
    public void A_cluster_with_the_cluster_manager_is_refused_naming_the_original_tool(string verb, string hint)
    {
        var cm = TestContexts.Cluster("10.0.0.1", "10.0.0.2") with { HasClusterManager = true };

        var error = Assert.Throws<OgscaleException>(() => SupportedCluster.RefuseClusterManager(cm, verb));

        Assert.Equal($"test.xml: this cluster has the cluster manager (CM) component; ogscale {verb} does not support CM clusters yet", error.Message);
        Assert.Equal(hint, error.Hint);
        Assert.Equal(ExitCodes.PreconditionFailed, error.ExitCode);
        SupportedCluster.RefuseClusterManager(TestContexts.Cluster("10.0.0.1"), verb);
    }
}
