using OpenGaussScale.Core.Config;
using System.Text;

namespace OpenGaussScale.Core.Tests.Config;

/// <summary>
/// A cluster XML in another encoding than UTF-8 gets what openGauss-OM gives it (XmlEncodingRule cites the lines).
/// Each case was run through OM's own steps with python3 (open(..., encoding='utf-8').readlines(), then
/// xml.etree.cElementTree.parse): GBK is refused with or without its declaration; ASCII declaring ISO-8859-1 is read.
/// </summary>
public sealed class XmlEncodingTests
{
    private const string GbkDeclared = "gbk.xml:1: the XML declares encoding=\"GBK\", which openGauss-OM cannot read: its XML parser (Python's expat) refuses multi-byte encodings other than UTF-8";

    private const string ReadsAsGbk = ": it reads as GBK, as Chinese-locale editors save it, and openGauss-OM reads a cluster XML only as UTF-8";

    static XmlEncodingTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static Encoding Gbk => Encoding.GetEncoding("GBK");

    private static string Declared(string encoding) =>
        ConfigFixtures.ValidXml.Replace("encoding=\"UTF-8\"", $"encoding=\"{encoding}\"", StringComparison.Ordinal);

    private static string WithChineseName(string xml) =>
        xml.Replace("name=\"clusterName\" value=\"c1\"", "name=\"clusterName\" value=\"集群1\"", StringComparison.Ordinal);

    private static string WithChineseComment(string xml) =>
        xml.Replace("<ROOT>", "<ROOT>\n<!-- 集群配置 -->", StringComparison.Ordinal);

    private static ConfigLoadResult Parse(byte[] bytes) => ClusterConfigLoader.ParseBytes(bytes, "gbk.xml");

    [Fact]
    public void Gbk_with_its_declaration_and_a_chinese_cluster_name_is_refused_as_openGauss_refuses_it()
    {
        var result = Parse(Gbk.GetBytes(WithChineseName(Declared("GBK"))));
        Assert.Equal([GbkDeclared], ConfigFixtures.Lines(result));
        Assert.Equal(
            "save the cluster XML as UTF-8 and declare encoding=\"UTF-8\", e.g. iconv -f GBK -t UTF-8 FILE > FILE.utf8, then change the declaration",
            Assert.Single(result.Errors).Hint);
        Assert.Null(result.Config);
    }

    [Theory]
    [InlineData("GBK")]
    [InlineData("gb2312")]
    [InlineData("GB18030")]
    [InlineData("Big5")]
    [InlineData("UTF-16")]
    public void A_multi_byte_declaration_is_refused_even_when_the_text_is_ascii(string encoding)
    {
        var result = Parse(Encoding.ASCII.GetBytes(Declared(encoding)));
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(1, error.Line);
        Assert.StartsWith($"the XML declares encoding=\"{encoding}\", which openGauss-OM cannot read", error.Message, StringComparison.Ordinal);
        Assert.Null(result.Config);
    }

    [Fact]
    public void Gbk_with_its_declaration_and_a_chinese_comment_is_refused()
    {
        var result = Parse(Gbk.GetBytes(WithChineseComment(Declared("GBK"))));
        Assert.Equal([GbkDeclared], ConfigFixtures.Lines(result));
    }

    [Fact]
    public void Gbk_without_a_declaration_is_refused_naming_gbk_and_the_fix()
    {
        var xml = WithChineseName(ConfigFixtures.ValidXml)[(ConfigFixtures.ValidXml.IndexOf('\n', StringComparison.Ordinal) + 1)..];
        var bytes = Gbk.GetBytes(xml);
        var result = Parse(bytes);
        var offset = Array.IndexOf(bytes, (byte)0xBC);
        Assert.Equal([$"gbk.xml:3: the file is not UTF-8 text (byte 0xBC at offset {offset}){ReadsAsGbk}"], ConfigFixtures.Lines(result));
        Assert.Equal(
            "save the cluster XML as UTF-8 and declare encoding=\"UTF-8\", e.g. iconv -f GBK -t UTF-8 FILE > FILE.utf8 (declaring encoding=\"GBK\" does not help: openGauss-OM refuses that too)",
            Assert.Single(result.Errors).Hint);
    }

    [Fact]
    public void Gbk_bytes_declared_as_utf8_are_refused_naming_gbk()
    {
        var result = Parse(Gbk.GetBytes(WithChineseComment(ConfigFixtures.ValidXml)));
        var line = Assert.Single(ConfigFixtures.Lines(result));
        Assert.StartsWith("gbk.xml:3: the file is not UTF-8 text (byte 0xBC at offset ", line, StringComparison.Ordinal);
        Assert.EndsWith(ReadsAsGbk, line, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf8_with_a_chinese_comment_is_accepted_as_openGauss_accepts_it()
    {
        var result = Parse(Encoding.UTF8.GetBytes(WithChineseComment(ConfigFixtures.ValidXml)));
        Assert.Empty(result.Diagnostics);
        Assert.NotNull(result.Config);
    }

    [Theory]
    [InlineData("ISO-8859-1")]
    [InlineData("US-ASCII")]
    [InlineData("windows-1252")]
    public void Ascii_text_declaring_a_single_byte_encoding_is_accepted_as_openGauss_accepts_it(string encoding)
    {
        var result = Parse(Encoding.ASCII.GetBytes(Declared(encoding)));
        Assert.Empty(result.Diagnostics);
        Assert.Equal("c1", result.Config?.ClusterName);
    }

    [Fact]
    public void A_single_byte_declaration_over_non_ascii_bytes_is_refused()
    {
        var result = Parse(Encoding.UTF8.GetBytes(WithChineseComment(Declared("ISO-8859-1"))));
        var line = Assert.Single(ConfigFixtures.Lines(result));
        Assert.StartsWith("gbk.xml:3: the XML declares encoding=\"ISO-8859-1\" but holds a non-ASCII byte (0xE9 at offset ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_declared_encoding_is_refused()
    {
        var result = Parse(Encoding.ASCII.GetBytes(Declared("FOO")));
        Assert.Equal(["gbk.xml:1: the XML declares encoding=\"FOO\", an encoding openGauss-OM does not know (Python: unknown encoding)"], ConfigFixtures.Lines(result));
    }
}
