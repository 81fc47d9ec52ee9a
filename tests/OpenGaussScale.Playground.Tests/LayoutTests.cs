using OpenGaussScale.Playground.Hosts;

namespace OpenGaussScale.Playground.Tests;

public sealed class LayoutTests
{
    [Theory]
    [InlineData("/opt/ogscale/data/dn", "/d/hosts/ognode2/opt-ogscale/data/dn")]
    [InlineData("/opt/ogscale", "/d/hosts/ognode2/opt-ogscale")]
    [InlineData("/home/omm/.ssh", "/d/hosts/ognode2/home-omm/.ssh")]
    [InlineData("/root/.bashrc", "/d/hosts/ognode2/root/.bashrc")]
    public void A_private_path_of_a_host_maps_to_its_bind_source(string inside, string outside)
    {
        Assert.Equal(outside, new PlaygroundLayout("/d").FromOutside(2, inside));
    }

    [Theory]
    [InlineData("/opt/ogscalex")]
    [InlineData("/tmp/x")]
    [InlineData("/opt")]
    public void A_shared_path_has_no_bind_source(string inside)
    {
        Assert.Throws<ArgumentException>(() => new PlaygroundLayout("/d").FromOutside(2, inside));
    }
}
