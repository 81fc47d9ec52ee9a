using OpenGaussScale.Playground.Hosts;

namespace OpenGaussScale.Playground.Tests;

public sealed class TrustPlanTests
{
    private static readonly Dictionary<int, string> Keys = new() { [1] = "k1", [2] = "k2", [3] = "k3" };

    [Fact]
    public void Every_host_trusts_the_control_key_and_every_host_key()
    {
        Assert.Equal(["control", "k1", "k2", "k3"], TrustPlan.AuthorizedKeys(2, Keys, "control", []));
    }

    [Fact]
    public void A_host_left_out_trusts_only_the_control_key_and_itself_and_is_trusted_nowhere_else()
    {
        Assert.Equal(["control", "k2"], TrustPlan.AuthorizedKeys(2, Keys, "control", [2]));
        Assert.Equal(["control", "k1", "k3"], TrustPlan.AuthorizedKeys(1, Keys, "control", [2]));
        Assert.Equal(["control", "k1", "k3"], TrustPlan.AuthorizedKeys(3, Keys, "control", [2]));
    }
}
