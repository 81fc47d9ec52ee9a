using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Errors;
using OpenGaussScale.Core.Preflight;
using OpenGaussScale.Core.Tests.Fakes;

namespace OpenGaussScale.Core.Tests.Preflight;

/// <summary>The -h list as gs_expansion and gs_dropnode take it (reference 1.1-1.2), checked before anything connects.</summary>
public sealed class TargetHostsTests
{
    private static readonly ClusterConfig Cluster = TestContexts.Cluster("10.0.0.1", "10.0.0.2", "10.0.0.3");

    [Fact]
    public void Hosts_come_back_in_cluster_order_once_each_with_a_notice_for_a_repeat()
    {
        var notices = new List<string>();

        var hosts = TargetHosts.Resolve(Cluster, ["10.0.0.3", "10.0.0.2", "10.0.0.3"], notices);

        Assert.Equal(["10.0.0.2", "10.0.0.3"], hosts);
        Assert.Equal(["-h lists 10.0.0.3 more than once; it is used once"], notices);
    }

    [Fact]
    public void A_host_the_xml_has_no_device_for_is_gauss_35702()
    {
        var error = Assert.Throws<OgscaleException>(() => TargetHosts.Resolve(Cluster, ["10.0.0.9"], new List<string>()));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Equal("standby host backip 10.0.0.9 is not in the XML configuration file test.xml (GAUSS-35702)", error.Message);
    }

    [Fact]
    public void Mixed_address_families_are_gauss_50624_and_an_address_the_xml_would_refuse_is_named()
    {
        var mixed = Assert.Throws<OgscaleException>(() => TargetHosts.Resolve(Cluster, ["10.0.0.2", "fe80::2"], new List<string>()));
        var loose = Assert.Throws<OgscaleException>(() => TargetHosts.Resolve(Cluster, ["167772162"], new List<string>()));

        Assert.EndsWith("(GAUSS-50624)", mixed.Message, StringComparison.Ordinal);
        Assert.StartsWith("-h 167772162 ", loose.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, loose.ExitCode);
    }

    [Theory]
    [InlineData(false, false, "name standbys by their backIp1 addresses as in test.xml")]
    [InlineData(true, false, "name standbys by their backIp1 addresses as gs_om -t status --detail shows them")]
    [InlineData(true, true, "the interrupted run had already taken them out of the static config this run reads; resume with the cluster XML: `ogscale resume -X XMLFILE`")]
    public void A_drop_target_outside_the_cluster_is_gauss_35802_with_a_hint_for_where_the_cluster_came_from(bool fromLiveView, bool resuming, string hint)
    {
        var error = Assert.Throws<OgscaleException>(() => TargetHosts.ResolveDropTargets(Cluster, ["10.0.0.8", "10.0.0.2"], new List<string>(), fromLiveView, resuming));

        Assert.Equal("-h: the IP list of target node: [10.0.0.8] is not in the current cluster (GAUSS-35802); nothing was changed", error.Message);
        Assert.Equal(hint, error.Hint);
    }
}
