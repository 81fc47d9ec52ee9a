using OpenGaussScale.Core.Config;

namespace OpenGaussScale.Core.Tests.Config;

/// <summary>
/// localStreamIpmap1 / remoteStreamIpmap1 / remotedataPortBase on the primary's DEVICE, accepted and refused as
/// openGauss-OM's DbClusterInfo.parse_stream_cluster_info does (commit 792253f).
/// </summary>
public sealed class StreamIpMapTests
{
    private const string PrimaryData = """<PARAM name="dataNode1" value="/opt/og/data/dn,node2,/opt/og/data/dn2,node3,/opt/og/data/dn3"/>""";

    private static ConfigLoadResult WithOnPrimary(string extra) =>
        ClusterConfigLoader.Parse(ConfigFixtures.ValidXml.Replace(PrimaryData, PrimaryData + extra, StringComparison.Ordinal), "c.xml");

    private static string[] Errors(ConfigLoadResult result) => [.. result.Errors.Select(d => d.ToString())];

    [Fact]
    public void The_documented_pair_form_is_accepted()
    {
        var result = WithOnPrimary("""
            <PARAM name="localStreamIpmap1" value="(10.0.0.1,10.0.1.1),(10.0.0.2,10.0.1.2),(10.0.0.3,10.0.1.3)"/>
            <PARAM name="remoteStreamIpmap1" value="(10.1.0.1,10.1.1.1),(10.1.0.2,10.1.1.2)"/>
            <PARAM name="remotedataPortBase" value="26000"/>
            """);
        Assert.Empty(Errors(result));
        Assert.True(result.Succeeded);
    }

    [Fact]
    public void A_local_map_without_its_companions_is_refused_with_gauss_51236()
    {
        var errors = Errors(WithOnPrimary("""<PARAM name="localStreamIpmap1" value="(10.0.0.1,10.0.1.1)"/>"""));
        Assert.Equal(
            [
                "c.xml:17: localStreamIpmap1 needs remoteStreamIpmap1 on the same DEVICE (GAUSS-51236: Failed to parsing xml.The XML file format is incorrect. check streamInfo config is correct)",
                "c.xml:17: localStreamIpmap1 needs remotedataPortBase on the same DEVICE (GAUSS-51236: Failed to parsing xml.The XML file format is incorrect. check streamInfo config is correct)",
            ],
            errors);
    }

    [Fact]
    public void Every_pair_and_address_is_checked()
    {
        var errors = Errors(WithOnPrimary("""
            <PARAM name="localStreamIpmap1" value="(10.0.0.1,10.0.1.1,10.0.2.1),(10.0.0.2,10.0.1.256)"/>
            <PARAM name="remoteStreamIpmap1" value="(10.1.0.1)"/>
            <PARAM name="remotedataPortBase" value="26000"/>
            """));
        Assert.Contains(errors, e => e.Contains("localStreamIpmap1 pair '(10.0.0.1,10.0.1.1,10.0.2.1)' has 3 items, not 2", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("localStreamIpmap1: '10.0.1.256' is not a valid IP address", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("remoteStreamIpmap1 pair '(10.1.0.1)' has 1 items, not 2", StringComparison.Ordinal));
        Assert.Equal(3, errors.Length);
    }

    [Fact]
    public void A_remote_map_alone_is_not_read_as_in_openGauss()
    {
        // OM returns before reading anything else when localStreamIpmap1 is empty.
        var result = WithOnPrimary("""<PARAM name="remoteStreamIpmap1" value="(10.1.0.1)"/>""");
        Assert.Empty(Errors(result));
    }

    [Fact]
    public void Other_unsafe_characters_stay_refused_in_the_maps()
    {
        Assert.Null(UnsafeValueRule.FindUnsafe("localStreamIpmap1", "(10.0.0.1,10.0.1.1),(10.0.0.2,10.0.1.2)"));
        Assert.Equal(';', UnsafeValueRule.FindUnsafe("remoteStreamIpmap1", "(10.0.0.1,10.0.1.1);id"));
    }
}
