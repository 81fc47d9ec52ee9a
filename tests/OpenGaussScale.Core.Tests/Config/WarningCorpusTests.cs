namespace OpenGaussScale.Core.Tests.Config;

/// <summary>
/// Data/warnings holds valid files with something ogscale ignores or tolerates: nothing is silently ignored, so each
/// gives exactly this warning, and the model is still built.
/// </summary>
public sealed class WarningCorpusTests
{
    [Theory]
    [InlineData("w01-unknown-element.xml", "w01-unknown-element.xml:14: warning: unknown element <COMMENTS> inside <ROOT> is ignored")]
    [InlineData("w02-unknown-attribute.xml", "w02-unknown-attribute.xml:17: warning: unknown attribute 'comment' on <PARAM> is ignored")]
    [InlineData("w03-stray-text.xml", "w03-stray-text.xml:14: warning: text inside <DEVICELIST> is ignored: \"primary first\"")]
    [InlineData("w04-sn-differs.xml", "w04-sn-differs.xml:25: warning: DEVICE sn 'host2' differs from its name 'node2'; the name parameter is what counts")]
    [InlineData("w05-standby-port-ignored.xml", "w05-standby-port-ignored.xml:31: warning: dataPortBase 26000 on DEVICE node2 is ignored: every data node uses the primary's dataPortBase 15400")]
    [InlineData("w06-password.xml", "w06-password.xml:12: warning: parameter password is ignored")]
    [InlineData("w07-underscore-host-names.xml", "w07-underscore-host-names.xml:6: warning: host names 'node_1', 'node_2' contain '_', which RFC 1123 does not allow")]
    [InlineData("w08-resource-pooling.xml", "w08-resource-pooling.xml:12: warning: resource pooling (enable_dss=on) is not supported by ogscale: expand and dropnode will refuse this cluster")]
    [InlineData("w09-processing-instruction.xml", "w09-processing-instruction.xml:3: warning: processing instruction <?xml-stylesheet ...?> is ignored")]
    public void Each_file_is_valid_with_exactly_its_warnings(string file, params string[] expected)
    {
        var result = ConfigFixtures.Parse(Path.Combine("warnings", file));
        Assert.Equal(expected, ConfigFixtures.Lines(result));
        Assert.NotNull(result.Config);
        Assert.Equal(3, result.Config.Nodes.Count);
    }

    [Fact]
    public void Every_file_of_the_warning_corpus_is_asserted()
    {
        var asserted = typeof(WarningCorpusTests).GetMethod(nameof(Each_file_is_valid_with_exactly_its_warnings))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>()
            .Select(a => (string)a.GetData(null!).Single()[0])
            .Order(StringComparer.Ordinal);
        Assert.Equal(Directory.GetFiles(ConfigFixtures.PathOf("warnings"), "*.xml").Select(Path.GetFileName).Order(StringComparer.Ordinal), asserted);
    }

    [Fact]
    public void A_password_is_never_kept_or_shown()
    {
        var result = ConfigFixtures.Parse(Path.Combine("warnings", "w06-password.xml"));
        Assert.NotNull(result.Config);
        Assert.DoesNotContain(result.Config.ClusterParams, p => p.Key == "password");
        Assert.DoesNotContain(result.Diagnostics, d => d.ToString().Contains("Secret", StringComparison.Ordinal) || (d.Hint ?? "").Contains("Secret", StringComparison.Ordinal));
    }
}
